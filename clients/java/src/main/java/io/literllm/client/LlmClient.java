package io.literllm.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.literllm.v1.ChatCompletionRequest;
import io.literllm.v1.ChatCompletionResponse;
import io.literllm.v1.ListModelsRequest;
import io.literllm.v1.ListModelsResponse;
import io.literllm.v1.LlmServiceGrpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Client of the literllm gateway ({@code literllm.v1.LlmService}).
 *
 * <pre>{@code
 * try (LlmClient client = LlmClient.builder().target("localhost:50051").build()) {
 *   ChatCompletionResponse response = client.chat(ChatCompletionRequest.newBuilder()
 *       .setModel("openai/gpt-4o")
 *       .addMessages(Messages.user("Hello!"))
 *       .build());
 *   System.out.println(response.getChoices(0).getMessage().getContent());
 * }
 * }</pre>
 *
 * <p>Failed calls throw {@link LlmException} (a {@link StatusRuntimeException}) carrying the gRPC
 * code and message. The client is thread-safe; close it to release its channel.
 */
public final class LlmClient implements AutoCloseable {
  /** The target used when neither {@link Builder#target} nor {@code LITERLLM_TARGET} is set. */
  public static final String DEFAULT_TARGET = "localhost:50051";

  static final String SERVICE_NAME = "literllm.v1.LlmService";

  /** Metadata key the caller's API key is sent under, as {@code Bearer <key>}. */
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final ManagedChannel ownedChannel;
  private final LlmServiceGrpc.LlmServiceBlockingStub blocking;
  private final Duration deadline;
  private final String target;

  private LlmClient(Builder b) {
    this.target = b.target;
    this.deadline = b.deadline;
    Channel channel;
    if (b.channel != null) {
      channel = b.channel;
      ownedChannel = null;
    } else {
      ManagedChannelBuilder<?> channelBuilder =
          Grpc.newChannelBuilder(
              b.target, b.tls ? TlsChannelCredentials.create() : InsecureChannelCredentials.create());
      if (b.retry) {
        channelBuilder.defaultServiceConfig(retryServiceConfig(b.maxAttempts)).enableRetry();
      } else {
        channelBuilder.disableRetry();
      }
      if (b.userAgent != null) {
        channelBuilder.userAgent(b.userAgent);
      }
      ownedChannel = channelBuilder.build();
      channel = ownedChannel;
    }
    List<ClientInterceptor> interceptors = new ArrayList<>(b.interceptors);
    if (b.apiKey != null && !b.apiKey.isEmpty()) {
      // Added last so it runs first: interceptors given by the caller see the header.
      interceptors.add(new BearerInterceptor(b.apiKey));
    }
    this.blocking = LlmServiceGrpc.newBlockingStub(ClientInterceptors.intercept(channel, interceptors));
  }

  /** A builder whose defaults come from {@code LITERLLM_TARGET} and {@code LITERLLM_API_KEY}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A client configured from the environment only. */
  public static LlmClient fromEnvironment() {
    return builder().build();
  }

  /** The target this client connects to ({@code host:port} or a gRPC target URI). */
  public String target() {
    return target;
  }

  /** One chat completion, returned when the provider has finished. */
  public ChatCompletionResponse chat(ChatCompletionRequest request) {
    try {
      return stub().chat(request);
    } catch (StatusRuntimeException e) {
      throw LlmException.from(e);
    }
  }

  /** {@link #chat(ChatCompletionRequest)} for a request builder. */
  public ChatCompletionResponse chat(ChatCompletionRequest.Builder request) {
    return chat(request.build());
  }

  /**
   * {@link #chat(ChatCompletionRequest)} for an OpenAI-shaped request map: {@code
   * {"model":..., "messages":[{"role":"user","content":...}], "temperature":...}}.
   */
  public ChatCompletionResponse chat(Map<String, ?> request) {
    return chat(ChatRequests.of(request));
  }

  /**
   * The same request answered as {@code chat.completion.chunk}s. Iterate it (or use {@link
   * ChatStream#stream()}); the last chunk carries {@code usage}. Close it to stop early.
   */
  public ChatStream chatStream(ChatCompletionRequest request) {
    return ChatStream.start(stub(), request);
  }

  public ChatStream chatStream(ChatCompletionRequest.Builder request) {
    return chatStream(request.build());
  }

  public ChatStream chatStream(Map<String, ?> request) {
    return chatStream(ChatRequests.of(request));
  }

  /** Models of every configured provider (or of {@code provider} when not null). */
  public ListModelsResponse listModels(String provider) {
    ListModelsRequest.Builder request = ListModelsRequest.newBuilder();
    if (provider != null) {
      request.setProvider(provider);
    }
    try {
      return stub().listModels(request.build());
    } catch (StatusRuntimeException e) {
      throw LlmException.from(e);
    }
  }

  public ListModelsResponse listModels() {
    return listModels(null);
  }

  private LlmServiceGrpc.LlmServiceBlockingStub stub() {
    if (deadline == null || deadline.isZero() || deadline.isNegative()) {
      return blocking;
    }
    return blocking.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    if (ownedChannel == null) {
      return;
    }
    ownedChannel.shutdown();
    try {
      if (!ownedChannel.awaitTermination(5, TimeUnit.SECONDS)) {
        ownedChannel.shutdownNow();
      }
    } catch (InterruptedException e) {
      ownedChannel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The service config enabling transparent retries of UNAVAILABLE for every LlmService method
   * (numbers are doubles, as grpc-java's JSON-shaped service config expects).
   */
  static Map<String, Object> retryServiceConfig(int maxAttempts) {
    Map<String, Object> retryPolicy =
        Map.of(
            "maxAttempts", (double) maxAttempts,
            "initialBackoff", "0.1s",
            "maxBackoff", "2s",
            "backoffMultiplier", 2.0,
            "retryableStatusCodes", List.of("UNAVAILABLE"));
    Map<String, Object> methodConfig =
        Map.of("name", List.of(Map.of("service", SERVICE_NAME)), "retryPolicy", retryPolicy);
    return Map.of("methodConfig", List.of(methodConfig));
  }

  private static final class BearerInterceptor implements ClientInterceptor {
    private final String value;

    BearerInterceptor(String apiKey) {
      this.value = "Bearer " + apiKey;
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
        MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
      return new ForwardingClientCall.SimpleForwardingClientCall<>(
          next.newCall(method, callOptions)) {
        @Override
        public void start(Listener<RespT> responseListener, Metadata headers) {
          headers.put(AUTHORIZATION, value);
          super.start(responseListener, headers);
        }
      };
    }
  }

  /** Options of an {@link LlmClient}. */
  public static final class Builder {
    private String target = envOr("LITERLLM_TARGET", DEFAULT_TARGET);
    private String apiKey = envOr("LITERLLM_API_KEY", null);
    private boolean tls = false;
    private Duration deadline = null;
    private boolean retry = true;
    private int maxAttempts = 4;
    private String userAgent = "literllm-java";
    private Channel channel;
    private final List<ClientInterceptor> interceptors = new ArrayList<>();

    private Builder() {}

    /** {@code host:port} or a gRPC target URI; default {@code LITERLLM_TARGET}, else localhost:50051. */
    public Builder target(String target) {
      this.target = target;
      return this;
    }

    /** Sent as {@code authorization: Bearer <key>}; default {@code LITERLLM_API_KEY}; null for none. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** TLS with the system's trusted roots (default off: plaintext HTTP/2). */
    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /** Deadline of every call (default none). */
    public Builder deadline(Duration deadline) {
      this.deadline = deadline;
      return this;
    }

    /** Retry UNAVAILABLE through the gRPC service config (default on, 4 attempts). */
    public Builder retry(boolean retry) {
      this.retry = retry;
      return this;
    }

    /** Attempts per call, first included, when retry is on (2..5; gRPC caps at 5). */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 2) {
        throw new IllegalArgumentException("maxAttempts must be at least 2");
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    /** Extra interceptors (they see the authorization header). */
    public Builder intercept(ClientInterceptor... interceptors) {
      this.interceptors.addAll(List.of(interceptors));
      return this;
    }

    /** Use this channel instead of creating one (it is not closed by {@link LlmClient#close}). */
    public Builder channel(Channel channel) {
      this.channel = channel;
      return this;
    }

    public LlmClient build() {
      if (channel == null && (target == null || target.isEmpty())) {
        throw new IllegalArgumentException("target must not be empty");
      }
      return new LlmClient(this);
    }

    private static String envOr(String name, String fallback) {
      String value = System.getenv(name);
      return value == null || value.isEmpty() ? fallback : value;
    }
  }
}
