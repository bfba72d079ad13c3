package io.literllm.examples;

import io.literllm.client.LlmClient;
import io.literllm.client.Messages;
import io.literllm.client.Tools;
import io.literllm.v1.ChatCompletionRequest;
import io.literllm.v1.ChatCompletionResponse;
import io.literllm.v1.Message;
import io.literllm.v1.ToolCall;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Tool calling: the model calls a tool, we run it, send the result back, get the final answer. */
public final class ToolCalling {
  public static void main(String[] args) {
    run(System.out);
  }

  /** The "tool": a fixed forecast. */
  static String getWeather(String location) {
    return "{\"location\":\"" + location + "\",\"temperature_c\":18,\"conditions\":\"sunny\"}";
  }

  public static void run(PrintStream out) {
    try (LlmClient client = LlmClient.builder().build()) {
      ChatCompletionRequest.Builder request =
          ChatCompletionRequest.newBuilder()
              .setModel(ExampleEnv.model())
              .addMessages(Messages.user("What is the weather in Paris?"))
              .addTools(
                  Tools.function(
                      "get_weather",
                      "Get the current weather for a location",
                      Map.of(
                          "type", "object",
                          "properties",
                              Map.of(
                                  "location",
                                  Map.of("type", "string", "description", "City name")),
                          "required", List.of("location"))))
              .setToolChoice(Tools.choice("auto"));

      ChatCompletionResponse response = client.chat(request);
      Message assistant = response.getChoices(0).getMessage();
      out.println("finish_reason: " + response.getChoices(0).getFinishReason());

      // Echo the assistant turn (with its tool calls) and answer each call.
      request.addMessages(assistant);
      for (ToolCall call : assistant.getToolCallsList()) {
        Map<String, Object> arguments = Tools.arguments(call);
        out.println(
            "Tool call " + call.getId() + ": " + call.getFunction().getName() + " " + arguments);
        String result = getWeather((String) arguments.get("location"));
        request.addMessages(Messages.tool(call.getId(), result));
      }

      ChatCompletionResponse answer = client.chat(request);
      out.println("Final answer: " + answer.getChoices(0).getMessage().getContent());
    }
  }
}
