package io.literllm.client;

import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.literllm.v1.ChatCompletionChunk;
import io.literllm.v1.ChatCompletionRequest;
import io.literllm.v1.LlmServiceGrpc;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The chunks of a streaming chat completion, in order. An {@link Iterator} and {@link Iterable}
 * (single pass); {@link #stream()} gives a {@link Stream}. Errors are thrown as {@link
 * LlmException} from {@link #hasNext()}/{@link #next()}. {@link #close()} cancels the call.
 */
public final class ChatStream implements Iterator<ChatCompletionChunk>, Iterable<ChatCompletionChunk>, AutoCloseable {
  private final Context.CancellableContext context;
  private final Iterator<ChatCompletionChunk> chunks;

  private ChatStream(Context.CancellableContext context, Iterator<ChatCompletionChunk> chunks) {
    this.context = context;
    this.chunks = chunks;
  }

  static ChatStream start(LlmServiceGrpc.LlmServiceBlockingStub stub, ChatCompletionRequest request) {
    Context.CancellableContext context = Context.current().withCancellation();
    Context previous = context.attach();
    try {
      return new ChatStream(context, stub.chatStream(request));
    } catch (StatusRuntimeException e) {
      context.cancel(e);
      throw LlmException.from(e);
    } finally {
      context.detach(previous);
    }
  }

  @Override
  public boolean hasNext() {
    try {
      return chunks.hasNext();
    } catch (StatusRuntimeException e) {
      throw LlmException.from(e);
    }
  }

  @Override
  public ChatCompletionChunk next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    try {
      return chunks.next();
    } catch (StatusRuntimeException e) {
      throw LlmException.from(e);
    }
  }

  @Override
  public Iterator<ChatCompletionChunk> iterator() {
    return this;
  }

  /** The chunks as a sequential Stream; closing the Stream cancels the call. */
  public Stream<ChatCompletionChunk> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  /** Cancels the call if it is still running. */
  @Override
  public void close() {
    context.cancel(null);
  }
}
