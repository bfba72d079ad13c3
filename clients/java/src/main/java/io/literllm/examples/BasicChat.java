package io.literllm.examples;

import io.literllm.client.LlmClient;
import io.literllm.client.Messages;
import io.literllm.v1.ChatCompletionRequest;
import io.literllm.v1.ChatCompletionResponse;
import java.io.PrintStream;

/** Basic chat: one user message, print the answer. */
public final class BasicChat {
  public static void main(String[] args) {
    run(System.out);
  }

  public static void run(PrintStream out) {
    // Target from LITERLLM_TARGET (default localhost:50051), key from LITERLLM_API_KEY.
    try (LlmClient client = LlmClient.builder().build()) {
      ChatCompletionResponse response =
          client.chat(
              ChatCompletionRequest.newBuilder()
                  .setModel(ExampleEnv.model())
                  .addMessages(Messages.user("Hello!"))
                  .build());
      out.println(response.getChoices(0).getMessage().getContent());
    }
  }
}
