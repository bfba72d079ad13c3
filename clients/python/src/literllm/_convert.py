"""Builds ChatCompletionRequest protos from OpenAI-style keyword arguments.

Plain dicts (OpenAI's JSON shapes, snake_case names) and typed protos are
accepted anywhere; Struct / Value fields (tool `parameters`, JSON schemas,
`tool_choice`) take native Python dicts, lists and scalars.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping
from typing import Any

from google.protobuf import duration_pb2, json_format
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message as ProtoMessage

from .v1 import llm_service_pb2 as pb


def _plain(value: Any) -> Any:
    """Dataclass instances become dicts; everything else is returned as is."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: v for k, v in dataclasses.asdict(value).items() if v is not None}
    return value


def _drop_none(value: Any) -> Any:
    """Removes None members recursively (JSON null means "unset" for OpenAI)."""
    value = _plain(value)
    if isinstance(value, Mapping):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_drop_none(v) for v in value]
    return value


def _parse_into(value: Any, target: ProtoMessage, what: str) -> None:
    try:
        json_format.ParseDict(value, target)
    except json_format.ParseError as e:
        raise ValueError(f"literllm: invalid {what}: {e}") from None


def to_message(message: Any) -> pb.Message:
    """A chat message from a pb.Message, a dict or a dataclass-like object.

    OpenAI's multimodal form, `content` as a list of parts, is mapped to the
    proto's `content_parts`.
    """
    if isinstance(message, pb.Message):
        return message
    if isinstance(message, ProtoMessage):
        raise TypeError(f"literllm: expected a literllm.v1.Message, got {type(message).__name__}")
    data = _drop_none(message)
    if not isinstance(data, Mapping):
        if hasattr(message, "__dict__"):
            data = _drop_none({k: v for k, v in vars(message).items() if not k.startswith("_")})
        else:
            raise TypeError(f"literllm: a message must be a dict or literllm.Message, got {type(message).__name__}")
    data = dict(data)
    content = data.get("content")
    if isinstance(content, (list, tuple)):
        data["content_parts"] = list(content) + list(data.get("content_parts", []))
        del data["content"]
    result = pb.Message()
    _parse_into(data, result, "message")
    return result


def _to_duration(value: Any) -> duration_pb2.Duration:
    if isinstance(value, duration_pb2.Duration):
        return value
    d = duration_pb2.Duration()
    if isinstance(value, datetime.timedelta):
        d.FromTimedelta(value)
    elif isinstance(value, (int, float)):
        d.FromNanoseconds(int(round(value * 1e9)))
    elif isinstance(value, str):
        _parse_into(value if value.endswith("s") else value + "s", d, "attempt_timeout")
    else:
        raise TypeError(f"literllm: attempt_timeout must be seconds, a timedelta or '20s', got {value!r}")
    return d


_FIELDS = pb.ChatCompletionRequest.DESCRIPTOR.fields_by_name


def _is_repeated(field: FieldDescriptor) -> bool:
    # `is_repeated` on protobuf >= 5.29 (where `label` is deprecated/removed).
    if hasattr(field, "is_repeated"):
        return field.is_repeated
    return field.label == FieldDescriptor.LABEL_REPEATED


def build_request(request: pb.ChatCompletionRequest | Mapping | None = None,
                  **fields: Any) -> pb.ChatCompletionRequest:
    """A ChatCompletionRequest from an optional base request (proto or dict)
    plus OpenAI-named keyword arguments, which override the base's fields.
    Keyword arguments that are None are ignored."""
    result = pb.ChatCompletionRequest()
    if isinstance(request, pb.ChatCompletionRequest):
        result.CopyFrom(request)
    elif isinstance(request, Mapping):
        fields = {**request, **fields}
    elif request is not None:
        raise TypeError(f"literllm: request must be a ChatCompletionRequest or dict, got {type(request).__name__}")

    for name, value in fields.items():
        if value is None:
            continue
        field = _FIELDS.get(name)
        if field is None:
            raise TypeError(f"literllm: unknown chat request field {name!r}")
        result.ClearField(name)
        if name == "messages":
            if isinstance(value, (Mapping, ProtoMessage)):
                value = [value]
            result.messages.extend(to_message(m) for m in value)
        elif name == "attempt_timeout":
            result.attempt_timeout.CopyFrom(_to_duration(value))
        elif _is_repeated(field):
            if isinstance(value, (str, bytes, Mapping, ProtoMessage)):
                value = [value]  # OpenAI allows `stop: "\n"`
            container = getattr(result, name)
            if field.type == FieldDescriptor.TYPE_MESSAGE:
                for item in value:
                    if isinstance(item, ProtoMessage):
                        container.add().CopyFrom(item)
                    else:
                        _parse_into(_drop_none(item), container.add(), name)
            else:
                container.extend(value)
        elif field.type == FieldDescriptor.TYPE_MESSAGE:
            target = getattr(result, name)
            if isinstance(value, ProtoMessage):
                target.CopyFrom(value)
            else:
                # Struct / Value members take native dicts, lists, strings...
                _parse_into(_drop_none(value), target, name)
        else:
            try:
                setattr(result, name, value)
            except (TypeError, ValueError) as e:
                raise TypeError(f"literllm: invalid {name}: {e}") from None
    return result


def to_struct_dict(struct: Any) -> Any:
    """A Struct / Value / ListValue as native Python data (dicts, lists, ...)."""
    return json_format.MessageToDict(struct)
