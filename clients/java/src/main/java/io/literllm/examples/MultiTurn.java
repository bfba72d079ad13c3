package io.literllm.examples;

import io.literllm.client.LlmClient;
import io.literllm.client.Messages;
import io.literllm.v1.ChatCompletionRequest;
import io.literllm.v1.ChatCompletionResponse;
import io.literllm.v1.Usage;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Multi-turn conversation (messages as plain maps), with token usage. */
public final class MultiTurn {
  public static void main(String[] args) {
    run(System.out);
  }

  public static void run(PrintStream out) {
    try (LlmClient client = LlmClient.builder().build()) {
      ChatCompletionRequest.Builder request =
          ChatCompletionRequest.newBuilder()
              .setModel(ExampleEnv.model())
              .addAllMessages(
                  Messages.list(
                      List.of(
                          Map.of("role", "system", "content", "You are a helpful assistant."),
                          Map.of("role", "user", "content", "What is the capital of France?"))));
      ChatCompletionResponse first = client.chat(request);
      out.println("Assistant: " + first.getChoices(0).getMessage().getContent());

      // Keep the assistant's turn and ask a follow-up.
      request
          .addMessages(Messages.firstChoice(first))
          .addMessages(Messages.user("And what is its population?"));
      ChatCompletionResponse second = client.chat(request);
      out.println("Assistant: " + second.getChoices(0).getMessage().getContent());

      Usage usage = second.getUsage();
      out.printf(
          "Tokens: %d prompt + %d completion = %d total%n",
          usage.getPromptTokens(), usage.getCompletionTokens(), usage.getTotalTokens());
      out.printf(
          "Cached prompt tokens: %d, reasoning tokens: %d%n",
          usage.getPromptTokensDetails().getCachedTokens(),
          usage.getCompletionTokensDetails().getReasoningTokens());
      out.printf("Answered by %s (%s)%n", second.getProvider(), second.getModel());
      if (second.hasEstimatedCostUsd()) {
        out.printf("Estimated cost: $%.6f%n", second.getEstimatedCostUsd());
      }
    }
  }
}
