"""Build hook: generates literllm/v1/llm_service_pb2{,_grpc}.py (+ .pyi) from
the repository's proto/ with grpc_tools.protoc, so the proto stays the only
source of truth. Everything else is declared in pyproject.toml."""

import os
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_FILE = os.path.join("literllm", "v1", "llm_service.proto")
# In the repository the proto lives at ../../proto; an sdist carries a copy
# in ./proto (see Sdist below).
PROTO_ROOTS = [os.path.join(HERE, "..", "..", "proto"), os.path.join(HERE, "proto")]


def proto_root():
    for root in PROTO_ROOTS:
        if os.path.isfile(os.path.join(root, PROTO_FILE)):
            return os.path.normpath(root)
    raise RuntimeError(
        "literllm: cannot find %s under %s" % (PROTO_FILE, " or ".join(PROTO_ROOTS)))


def generate(out_dir):
    """Runs protoc on proto/literllm/v1/llm_service.proto into out_dir."""
    import grpc_tools
    from grpc_tools import protoc

    well_known = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    os.makedirs(out_dir, exist_ok=True)
    args = [
        "grpc_tools.protoc",
        "-I" + proto_root(),
        "-I" + well_known,
        "--python_out=" + out_dir,
        "--pyi_out=" + out_dir,
        "--grpc_python_out=" + out_dir,
        PROTO_FILE,
    ]
    if protoc.main(args) != 0:
        raise RuntimeError("literllm: protoc failed: " + " ".join(args))


class BuildPy(build_py):
    def run(self):
        super().run()
        # Generated straight into the build tree: the source tree stays clean.
        generate(self.build_lib)


class Sdist(sdist):
    def make_release_tree(self, base_dir, files):
        super().make_release_tree(base_dir, files)
        dest = os.path.join(base_dir, "proto", os.path.dirname(PROTO_FILE))
        os.makedirs(dest, exist_ok=True)
        shutil.copy(os.path.join(proto_root(), PROTO_FILE), dest)


setup(cmdclass={"build_py": BuildPy, "sdist": Sdist})
