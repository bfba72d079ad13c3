package io.literllm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.literllm.v1.ChatCompletionRequest;
import io.literllm.v1.Message;
import io.literllm.v1.ResponseFormat;
import io.literllm.v1.Tool;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Maps ↔ Struct, dict ↔ typed messages, OpenAI field names, and the retry service config. */
class ConversionsTest {
  @Test
  void structRoundTripsNativeValues() {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", Map.of("n", Map.of("type", "integer", "minimum", 1)));
    schema.put("required", List.of("n"));
    schema.put("additionalProperties", false);
    schema.put("nothing", null);
    Struct struct = Structs.of(schema);
    assertEquals("object", struct.getFieldsOrThrow("type").getStringValue());
    assertEquals(
        1.0,
        struct.getFieldsOrThrow("properties").getStructValue().getFieldsOrThrow("n")
            .getStructValue().getFieldsOrThrow("minimum").getNumberValue());
    assertEquals(Value.KindCase.NULL_VALUE, struct.getFieldsOrThrow("nothing").getKindCase());

    Map<String, Object> back = Structs.toMap(struct);
    assertEquals(List.of("n"), back.get("required"));
    assertEquals(false, back.get("additionalProperties"));
    assertEquals(Map.of("type", "integer", "minimum", 1.0), ((Map<?, ?>) back.get("properties")).get("n"));
    assertTrue(back.containsKey("nothing"));
  }

  @Test
  void arraysBecomeLists() {
    assertEquals(
        Structs.value(List.of("a", "b")), Structs.value(new String[] {"a", "b"}));
  }

  @Test
  void unsupportedValuesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Structs.value(new Object()));
    Map<Object, Object> badKey = new HashMap<>();
    badKey.put(1, "x");
    assertThrows(IllegalArgumentException.class, () -> Structs.value(badKey));
  }

  @Test
  void dictMessageWithToolCallsUsesOpenAiNames() {
    Message message =
        Messages.of(
            Map.of(
                "role", "assistant",
                "tool_calls",
                    List.of(
                        Map.of(
                            "id", "call_9",
                            "type", "function",
                            "function", Map.of("name", "f", "arguments", "{\"x\":1}")))));
    assertEquals("assistant", message.getRole());
    assertFalse(message.hasContent());
    assertEquals("call_9", message.getToolCalls(0).getId());
    assertEquals(Map.of("x", 1.0), Tools.arguments(message.getToolCalls(0)));
    assertTrue(Json.print(message).contains("\"tool_calls\""));
  }

  @Test
  void multimodalContentListGoesToContentParts() {
    Message message =
        Messages.of(
            Map.of(
                "role", "user",
                "content",
                    List.of(
                        Map.of("type", "text", "text", "What is this?"),
                        Map.of("type", "image_url", "image_url", Map.of("url", "https://x/y.png")))));
    assertEquals(2, message.getContentPartsCount());
    assertEquals("https://x/y.png", message.getContentParts(1).getImageUrl().getUrl());
  }

  @Test
  void unknownFieldsAreRejected() {
    assertThrows(
        IllegalArgumentException.class, () -> Messages.of(Map.of("role", "user", "contnet", "typo")));
  }

  @Test
  void mapRequestEqualsTypedRequest() {
    Map<String, Object> parameters = Map.of("type", "object", "properties", Map.of());
    ChatCompletionRequest fromMap =
        ChatRequests.of(
            Map.of(
                "model", "openai/gpt-4o",
                "messages", List.of(Map.of("role", "user", "content", "Hi")),
                "temperature", 0.7,
                "max_tokens", 64,
                "seed", 7,
                "stop", List.of("END"),
                "tools",
                    List.of(
                        Map.of(
                            "type", "function",
                            "function", Map.of("name", "f", "parameters", parameters))),
                "tool_choice", Map.of("type", "function", "function", Map.of("name", "f")),
                "response_format", Map.of("type", "json_object"),
                "attempt_timeout", "20s"));
    ChatCompletionRequest typed =
        ChatCompletionRequest.newBuilder()
            .setModel("openai/gpt-4o")
            .addMessages(Messages.user("Hi"))
            .setTemperature(0.7)
            .setMaxTokens(64)
            .setSeed(7)
            .addStop("END")
            .addTools(Tools.function("f", null, parameters))
            .setToolChoice(Tools.choiceFunction("f"))
            .setResponseFormat(Tools.jsonObject())
            .setAttemptTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(20))
            .build();
    assertEquals(typed, fromMap);
  }

  @Test
  void jsonSchemaFormat() {
    ResponseFormat format = Tools.jsonSchema("w", Map.of("type", "object"), true);
    assertEquals("json_schema", format.getType());
    assertEquals("w", format.getJsonSchema().getName());
    assertTrue(format.getJsonSchema().getStrict());
    assertEquals(
        "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"w\",\"schema\":{\"type\":\"object\"},\"strict\":true}}",
        Json.print(format));
  }

  @Test
  void toolFromMapEqualsHelper() {
    Tool fromMap =
        Tools.of(
            Map.of(
                "type", "function",
                "function", Map.of("name", "f", "description", "d", "parameters", Map.of("type", "object"))));
    assertEquals(Tools.function("f", "d", Map.of("type", "object")), fromMap);
  }

  @Test
  void retryServiceConfigTargetsTheService() {
    Map<String, Object> config = LlmClient.retryServiceConfig(4);
    Map<?, ?> method = (Map<?, ?>) ((List<?>) config.get("methodConfig")).get(0);
    assertEquals(List.of(Map.of("service", "literllm.v1.LlmService")), method.get("name"));
    Map<?, ?> policy = (Map<?, ?>) method.get("retryPolicy");
    assertEquals(4.0, policy.get("maxAttempts"));
    assertEquals(List.of("UNAVAILABLE"), policy.get("retryableStatusCodes"));
    assertEquals(LlmClient.SERVICE_NAME, io.literllm.v1.LlmServiceGrpc.SERVICE_NAME);
  }

  @Test
  void defaultTargetAndEmptyTargetRejected() {
    assertThrows(IllegalArgumentException.class, () -> LlmClient.builder().target("").build());
    String env = System.getenv("LITERLLM_TARGET");
    try (LlmClient client = LlmClient.builder().build()) {
      assertEquals(env == null || env.isEmpty() ? "localhost:50051" : env, client.target());
    }
    assertTrue(Arrays.asList(LlmClient.DEFAULT_TARGET).contains("localhost:50051"));
  }
}
