package io.literllm.examples;

import io.literllm.client.LlmClient;
import io.literllm.client.Messages;
import io.literllm.v1.ChatCompletionRequest;
import io.literllm.v1.ChatCompletionResponse;
import java.io.PrintStream;

/** Sampling parameters: temperature, top_p, max_tokens, seed, penalties, stop. */
public final class SamplingParameters {
  public static void main(String[] args) {
    run(System.out);
  }

  public static void run(PrintStream out) {
    try (LlmClient client = LlmClient.builder().build()) {
      ChatCompletionResponse response =
          client.chat(
              ChatCompletionRequest.newBuilder()
                  .setModel(ExampleEnv.model())
                  .addMessages(Messages.user("Write a haiku about the sea."))
                  .setTemperature(0.7)
                  .setTopP(0.9)
                  .setMaxTokens(100)
                  .setSeed(42)
                  .setPresencePenalty(0.1)
                  .setFrequencyPenalty(0.1)
                  .addStop("\n\n")
                  .build());
      out.println(response.getChoices(0).getMessage().getContent());
      out.println("finish_reason: " + response.getChoices(0).getFinishReason());
    }
  }
}
