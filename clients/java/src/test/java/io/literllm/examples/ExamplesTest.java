package io.literllm.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.literllm.client.Gateway;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs every example against the gateway in front of the fake OpenAI and checks its output. */
class ExamplesTest {
  @BeforeAll
  static void needsGateway() {
    Gateway.target();
  }

  private static String capture(Consumer<PrintStream> example) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      example.accept(out);
    }
    String output = bytes.toString(StandardCharsets.UTF_8);
    System.out.print(output);
    return output;
  }

  private static void assertContains(String output, String expected) {
    assertTrue(output.contains(expected), () -> "expected <" + expected + "> in:\n" + output);
  }

  @Test
  void basicChat() {
    assertContains(capture(BasicChat::run), "Hello from the fake");
  }

  @Test
  void multiTurnWithUsage() {
    String output = capture(MultiTurn::run);
    assertContains(output, "Assistant: Hello from the fake");
    assertContains(output, "Tokens: 12 prompt + 5 completion = 17 total");
    assertContains(output, "Cached prompt tokens: 4, reasoning tokens: 2");
    assertContains(output, "Answered by openai (gpt-4o-2024-08-06)");
    assertContains(output, "Estimated cost: $");
  }

  @Test
  void samplingParameters() {
    String output = capture(SamplingParameters::run);
    assertContains(output, "Hello from the fake");
    assertContains(output, "finish_reason: stop");
  }

  @Test
  void responseFormat() {
    String output = capture(ResponseFormatExample::run);
    assertContains(output, "json_object: {\"city\":\"Paris\",\"temperature_c\":18}");
    assertContains(output, "json_schema: {\"city\":\"Paris\",\"temperature_c\":18}");
    assertContains(output, "city = Paris, temperature_c = 18.0");
  }

  @Test
  void toolCalling() {
    String output = capture(ToolCalling::run);
    assertContains(output, "finish_reason: tool_calls");
    assertContains(output, "Tool call call_1: get_weather {location=Paris}");
    assertContains(output, "Final answer: Hello from the fake");
  }

  @Test
  void streaming() {
    String output = capture(Streaming::run);
    assertContains(output, "Hello from the fake\n");
    assertContains(output, "Total tokens: 12");
  }
}
