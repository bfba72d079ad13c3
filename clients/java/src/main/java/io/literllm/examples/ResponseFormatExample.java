package io.literllm.examples;

import io.literllm.client.LlmClient;
import io.literllm.client.Messages;
import io.literllm.client.Tools;
import io.literllm.v1.ChatCompletionRequest;
import io.literllm.v1.ChatCompletionResponse;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** response_format: json_object, then json_schema with the schema as a native map. */
public final class ResponseFormatExample {
  public static void main(String[] args) {
    run(System.out);
  }

  public static void run(PrintStream out) {
    try (LlmClient client = LlmClient.builder().build()) {
      ChatCompletionResponse jsonObject =
          client.chat(
              ChatCompletionRequest.newBuilder()
                  .setModel(ExampleEnv.model())
                  .addMessages(Messages.system("Answer in JSON."))
                  .addMessages(Messages.user("Weather in Paris? Give city and temperature_c."))
                  .setResponseFormat(Tools.jsonObject())
                  .build());
      out.println("json_object: " + jsonObject.getChoices(0).getMessage().getContent());

      Map<String, Object> schema =
          Map.of(
              "type", "object",
              "properties",
                  Map.of(
                      "city", Map.of("type", "string"),
                      "temperature_c", Map.of("type", "number")),
              "required", List.of("city", "temperature_c"),
              "additionalProperties", false);
      ChatCompletionResponse jsonSchema =
          client.chat(
              ChatCompletionRequest.newBuilder()
                  .setModel(ExampleEnv.model())
                  .addMessages(Messages.user("Weather in Paris?"))
                  .setResponseFormat(Tools.jsonSchema("weather", schema, true))
                  .build());
      String content = jsonSchema.getChoices(0).getMessage().getContent();
      out.println("json_schema: " + content);
      Map<String, Object> weather = Tools.parseObject(content);
      out.println("city = " + weather.get("city") + ", temperature_c = " + weather.get("temperature_c"));
    }
  }
}
