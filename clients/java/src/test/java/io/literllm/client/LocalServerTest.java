package io.literllm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.literllm.v1.ChatCompletionChunk;
import io.literllm.v1.ChatCompletionRequest;
import io.literllm.v1.ChatCompletionResponse;
import io.literllm.v1.Choice;
import io.literllm.v1.ChunkChoice;
import io.literllm.v1.Delta;
import io.literllm.v1.LlmServiceGrpc;
import io.literllm.v1.Message;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Client behaviour that needs control over the server: metadata, retries, deadlines and stream
 * cancellation, against a small LlmService on a loopback port.
 */
class LocalServerTest {
  private Server server;
  private final AtomicReference<Metadata> lastHeaders = new AtomicReference<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile int failFirst = 0;
  private volatile long delayMillis = 0;
  private final CountDownLatch streamCancelled = new CountDownLatch(1);

  private final class Service extends LlmServiceGrpc.LlmServiceImplBase {
    @Override
    public void chat(ChatCompletionRequest request, StreamObserver<ChatCompletionResponse> out) {
      int n = calls.incrementAndGet();
      if (n <= failFirst) {
        out.onError(Status.UNAVAILABLE.withDescription("try again").asRuntimeException());
        return;
      }
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      out.onNext(
          ChatCompletionResponse.newBuilder()
              .setObject("chat.completion")
              .addChoices(
                  Choice.newBuilder()
                      .setMessage(Messages.assistant("echo: " + request.getMessages(0).getContent()))
                      .setFinishReason("stop"))
              .build());
      out.onCompleted();
    }

    @Override
    public void chatStream(ChatCompletionRequest request, StreamObserver<ChatCompletionChunk> out) {
      io.grpc.stub.ServerCallStreamObserver<ChatCompletionChunk> observer =
          (io.grpc.stub.ServerCallStreamObserver<ChatCompletionChunk>) out;
      observer.setOnCancelHandler(streamCancelled::countDown);
      // An endless stream: the client must cancel it.
      new Thread(
              () -> {
                int i = 0;
                while (!observer.isCancelled()) {
                  observer.onNext(
                      ChatCompletionChunk.newBuilder()
                          .addChoices(
                              ChunkChoice.newBuilder()
                                  .setDelta(Delta.newBuilder().setContent("tick" + i++)))
                          .build());
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              })
          .start();
    }
  }

  @BeforeEach
  void start() throws Exception {
    ServerInterceptor capture =
        new ServerInterceptor() {
          @Override
          public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
              ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
            lastHeaders.set(headers);
            return next.startCall(call, headers);
          }
        };
    server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(ServerInterceptors.intercept(new Service(), capture))
            .build()
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private LlmClient.Builder client() {
    return LlmClient.builder().target("127.0.0.1:" + server.getPort()).apiKey(null);
  }

  private static ChatCompletionRequest hello() {
    return ChatRequests.user("openai/gpt-4o", "hi").build();
  }

  @Test
  void apiKeyIsSentAsBearerMetadata() {
    try (LlmClient c = client().apiKey("sk-caller-42").build()) {
      assertEquals("echo: hi", c.chat(hello()).getChoices(0).getMessage().getContent());
    }
    assertEquals("Bearer sk-caller-42", lastHeaders.get().get(LlmClient.AUTHORIZATION));
  }

  @Test
  void noApiKeyNoAuthorizationHeader() {
    try (LlmClient c = client().build()) {
      c.chat(hello());
    }
    assertNull(lastHeaders.get().get(LlmClient.AUTHORIZATION));
  }

  @Test
  void unavailableIsRetriedThroughServiceConfig() {
    failFirst = 2;
    try (LlmClient c = client().build()) {
      assertEquals("echo: hi", c.chat(hello()).getChoices(0).getMessage().getContent());
    }
    assertEquals(3, calls.get());
  }

  @Test
  void withoutRetryUnavailableSurfaces() {
    failFirst = 1;
    try (LlmClient c = client().retry(false).build()) {
      LlmException e = assertThrows(LlmException.class, () -> c.chat(hello()));
      assertEquals(Status.Code.UNAVAILABLE, e.code());
      assertEquals("try again", e.message());
    }
    assertEquals(1, calls.get());
  }

  @Test
  void retriesStopAfterMaxAttempts() {
    failFirst = 100;
    try (LlmClient c = client().maxAttempts(3).build()) {
      LlmException e = assertThrows(LlmException.class, () -> c.chat(hello()));
      assertEquals(Status.Code.UNAVAILABLE, e.code());
    }
    assertEquals(3, calls.get());
  }

  @Test
  void defaultDeadlineApplies() {
    delayMillis = 2000;
    try (LlmClient c = client().deadline(Duration.ofMillis(200)).build()) {
      long start = System.nanoTime();
      LlmException e = assertThrows(LlmException.class, () -> c.chat(hello()));
      assertEquals(Status.Code.DEADLINE_EXCEEDED, e.code());
      assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1500));
    }
  }

  @Test
  void closingAStreamCancelsTheCall() throws Exception {
    try (LlmClient c = client().build()) {
      try (ChatStream stream = c.chatStream(hello())) {
        assertEquals("tick0", stream.next().getChoices(0).getDelta().getContent());
        assertEquals("tick1", stream.next().getChoices(0).getDelta().getContent());
      }
      assertTrue(streamCancelled.await(5, TimeUnit.SECONDS), "server saw no cancellation");
    }
  }

  @Test
  void unreachableTargetIsUnavailable() {
    int port = server.getPort();
    server.shutdownNow();
    try (LlmClient c =
        LlmClient.builder().target("127.0.0.1:" + port).retry(false).deadline(Duration.ofSeconds(10)).build()) {
      LlmException e = assertThrows(LlmException.class, () -> c.chat(hello()));
      assertEquals(Status.Code.UNAVAILABLE, e.code());
    }
  }

  @Test
  void typedMessageEqualsDictMessage() {
    Message typed = Messages.tool("call_1", "{\"ok\":true}");
    Message fromMap =
        Messages.of(java.util.Map.of("role", "tool", "tool_call_id", "call_1", "content", "{\"ok\":true}"));
    assertEquals(typed, fromMap);
  }
}
