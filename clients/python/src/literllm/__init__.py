"""literllm: async Python client for the literllm gRPC LLM gateway.

    from literllm import LlmClient

    client = LlmClient()  # $LITERLLM_TARGET or localhost:50051
    response = await client.chat(model="openai/gpt-4o",
                                 messages=[{"role": "user", "content": "Hello!"}])
    print(response.choices[0].message.content)
"""

from ._client import DEFAULT_TARGET, LlmClient, retry_service_config
from ._convert import build_request, to_message, to_struct_dict
from ._errors import LlmError
from .v1.llm_service_pb2 import (
    ChatCompletionChunk,
    ChatCompletionRequest,
    ChatCompletionResponse,
    ContentPart,
    FunctionCall,
    FunctionDefinition,
    ImageUrl,
    JsonSchemaFormat,
    ListModelsResponse,
    Message,
    ResponseFormat,
    Tool,
    ToolCall,
    Usage,
)

__all__ = [
    "DEFAULT_TARGET", "LlmClient", "LlmError", "build_request", "retry_service_config",
    "to_message", "to_struct_dict",
    "ChatCompletionChunk", "ChatCompletionRequest", "ChatCompletionResponse", "ContentPart",
    "FunctionCall", "FunctionDefinition", "ImageUrl", "JsonSchemaFormat", "ListModelsResponse",
    "Message", "ResponseFormat", "Tool", "ToolCall", "Usage",
]
__version__ = "0.1.0"
