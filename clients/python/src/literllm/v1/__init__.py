"""Generated literllm.v1 protobuf / gRPC modules (built from proto/ at install time)."""
