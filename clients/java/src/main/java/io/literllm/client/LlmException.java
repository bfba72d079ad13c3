package io.literllm.client;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * A failed call: the gRPC status code and message the server (or the channel) returned.
 *
 * <p>It is a {@link StatusRuntimeException}, so code written against plain grpc-java keeps working;
 * {@link #code()} and {@link #message()} are shortcuts.
 */
public class LlmException extends StatusRuntimeException {
  private static final long serialVersionUID = 1L;

  public LlmException(Status status, Metadata trailers) {
    super(status, trailers);
  }

  static LlmException from(StatusRuntimeException e) {
    if (e instanceof LlmException) {
      return (LlmException) e;
    }
    LlmException wrapped = new LlmException(e.getStatus(), e.getTrailers());
    wrapped.setStackTrace(e.getStackTrace());
    return wrapped;
  }

  /** The gRPC status code, e.g. {@code INVALID_ARGUMENT} or {@code UNAVAILABLE}. */
  public Status.Code code() {
    return getStatus().getCode();
  }

  /** The status message (the server's description of what went wrong). */
  public String message() {
    String description = getStatus().getDescription();
    return description == null ? "" : description;
  }
}
