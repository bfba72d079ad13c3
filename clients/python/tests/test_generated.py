"""The installed generated code matches proto/ (the one source of truth)."""
import os
import subprocess
import sys

import pytest

from conftest import CLIENT_DIR

PROTO_ROOT = os.path.normpath(os.path.join(CLIENT_DIR, "..", "..", "proto"))


@pytest.mark.skipif(not os.path.isdir(PROTO_ROOT), reason="not in the repository")
def test_installed_stubs_match_proto(tmp_path):
    import grpc_tools
    import literllm.v1.llm_service_pb2 as installed_pb2
    import literllm.v1.llm_service_pb2_grpc as installed_grpc

    well_known = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    subprocess.run([sys.executable, "-m", "grpc_tools.protoc", "-I" + PROTO_ROOT,
                    "-I" + well_known, f"--python_out={tmp_path}",
                    f"--grpc_python_out={tmp_path}", "literllm/v1/llm_service.proto"],
                   check=True)
    for module in (installed_pb2, installed_grpc):
        name = os.path.basename(module.__file__)
        fresh = (tmp_path / "literllm" / "v1" / name).read_text()
        with open(module.__file__) as f:
            assert f.read() == fresh, f"{name} is stale: reinstall the package"


def test_service_descriptor():
    from literllm.v1 import llm_service_pb2 as pb
    service = pb.DESCRIPTOR.services_by_name["LlmService"]
    assert service.full_name == "literllm.v1.LlmService"
    assert [m.name for m in service.methods] == ["Chat", "ChatStream", "ListModels"]
