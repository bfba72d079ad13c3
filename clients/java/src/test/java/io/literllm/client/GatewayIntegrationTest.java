package io.literllm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.literllm.v1.ChatCompletionChunk;
import io.literllm.v1.ChatCompletionRequest;
import io.literllm.v1.ChatCompletionResponse;
import io.literllm.v1.Message;
import io.literllm.v1.ToolCallDelta;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client API against the real server in front of the fake OpenAI. */
class GatewayIntegrationTest {
  private static LlmClient client;

  @BeforeAll
  static void connect() {
    client = LlmClient.builder().target(Gateway.target()).apiKey("caller-key-123").build();
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.close();
    }
  }

  private static String content(ChatCompletionResponse response) {
    return response.getChoices(0).getMessage().getContent();
  }

  @Test
  void typedMessages() {
    ChatCompletionResponse response =
        client.chat(ChatRequests.user(Gateway.model(), "Hello!").setTemperature(0.2));
    assertEquals("Hello from the fake", content(response));
    assertEquals("chat.completion", response.getObject());
    assertEquals("openai", response.getProvider());
    assertEquals("gpt-4o-2024-08-06", response.getModel());
    assertEquals(17, response.getUsage().getTotalTokens());
    assertTrue(response.hasEstimatedCostUsd());
  }

  @Test
  void dictMessagesAndMapRequest() {
    ChatCompletionResponse response =
        client.chat(
            Map.of(
                "model", Gateway.model(),
                "messages",
                    List.of(
                        Map.of("role", "system", "content", "Be terse."),
                        Messages.user("Hello!")),
                "temperature", 0.5,
                "max_tokens", 20,
                "top_p", 0.9));
    assertEquals("Hello from the fake", content(response));
  }

  @Test
  void mapToolsAndParallelToolCalls() {
    ChatCompletionResponse response =
        client.chat(
            Map.of(
                "model", Gateway.model(),
                "messages", List.of(Map.of("role", "user", "content", "Weather?")),
                "tools",
                    List.of(
                        Map.of(
                            "type", "function",
                            "function",
                                Map.of(
                                    "name", "lookup",
                                    "parameters",
                                        Map.of(
                                            "type", "object",
                                            "properties",
                                                Map.of("location", Map.of("type", "string")))))),
                "tool_choice", "auto"));
    Message message = response.getChoices(0).getMessage();
    assertEquals("tool_calls", response.getChoices(0).getFinishReason());
    assertEquals("call_1", message.getToolCalls(0).getId());
    assertEquals("lookup", message.getToolCalls(0).getFunction().getName());
    assertEquals(Map.of("location", "Paris"), Tools.arguments(message.getToolCalls(0)));
  }

  @Test
  void streamAsJavaStream() {
    try (Stream<ChatCompletionChunk> chunks =
        client.chatStream(ChatRequests.user(Gateway.model(), "Count")).stream()) {
      List<ChatCompletionChunk> all = chunks.collect(Collectors.toList());
      String text =
          all.stream()
              .filter(c -> c.getChoicesCount() > 0)
              .map(c -> c.getChoices(0).getDelta().getContent())
              .collect(Collectors.joining());
      assertEquals("Hello from the fake", text);
      ChatCompletionChunk last = all.get(all.size() - 1);
      assertEquals(0, last.getChoicesCount());
      assertEquals(9, last.getUsage().getPromptTokens());
      assertEquals(3, last.getUsage().getCompletionTokens());
      assertEquals(12, last.getUsage().getTotalTokens());
    }
  }

  @Test
  void streamedToolCallFragments() {
    ChatCompletionRequest request =
        ChatRequests.user(Gateway.model(), "Weather in Paris?")
            .addTools(Tools.function("get_weather", null, Map.of("type", "object")))
            .addTools(Tools.function("other", "unused", Map.of("type", "object")))
            .build();
    StringBuilder arguments = new StringBuilder();
    String id = null;
    String name = null;
    String finish = null;
    try (ChatStream stream = client.chatStream(request)) {
      for (ChatCompletionChunk chunk : stream) {
        if (chunk.getChoicesCount() == 0) {
          continue;
        }
        for (ToolCallDelta delta : chunk.getChoices(0).getDelta().getToolCallsList()) {
          if (delta.hasId()) id = delta.getId();
          if (delta.getFunction().hasName()) name = delta.getFunction().getName();
          arguments.append(delta.getFunction().getArguments());
        }
        if (chunk.getChoices(0).hasFinishReason()) finish = chunk.getChoices(0).getFinishReason();
      }
    }
    assertEquals("call_1", id);
    assertEquals("get_weather", name);
    assertEquals("{\"location\":\"Paris\"}", arguments.toString());
    assertEquals("tool_calls", finish);
  }

  @Test
  void unknownProviderIsInvalidArgument() {
    LlmException e =
        assertThrows(LlmException.class, () -> client.chat(ChatRequests.user("nosuch/model", "Hi")));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
    assertFalse(e.message().isEmpty());
    // Also a plain grpc-java StatusRuntimeException.
    assertTrue(e instanceof StatusRuntimeException);
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
  }

  @Test
  void streamErrorsCarryTheCode() {
    LlmException e =
        assertThrows(
            LlmException.class,
            () -> {
              try (ChatStream stream = client.chatStream(ChatRequests.user("nosuch/model", "Hi"))) {
                stream.forEachRemaining(chunk -> {});
              }
            });
    assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
  }

  @Test
  void tinyDeadlineIsDeadlineExceeded() {
    try (LlmClient hurried =
        LlmClient.builder().target(Gateway.target()).deadline(Duration.ofNanos(1)).build()) {
      LlmException e =
          assertThrows(LlmException.class, () -> hurried.chat(ChatRequests.user(Gateway.model(), "Hi")));
      assertEquals(Status.Code.DEADLINE_EXCEEDED, e.code());
    }
  }

  @Test
  void generousDeadlineSucceeds() {
    try (LlmClient patient =
        LlmClient.builder().target(Gateway.target()).deadline(Duration.ofSeconds(30)).build()) {
      assertEquals("Hello from the fake", content(patient.chat(ChatRequests.user(Gateway.model(), "Hi"))));
    }
  }

  @Test
  void listModels() {
    // The fake OpenAI may or may not list models; the call itself must succeed.
    assertEquals("list", client.listModels().getObject());
  }
}
