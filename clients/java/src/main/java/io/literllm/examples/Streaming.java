package io.literllm.examples;

import io.literllm.client.ChatStream;
import io.literllm.client.LlmClient;
import io.literllm.client.Messages;
import io.literllm.v1.ChatCompletionChunk;
import io.literllm.v1.ChatCompletionRequest;
import java.io.PrintStream;

/** Streaming: print content deltas as they arrive, then the usage of the final chunk. */
public final class Streaming {
  public static void main(String[] args) {
    run(System.out);
  }

  public static void run(PrintStream out) {
    try (LlmClient client = LlmClient.builder().build();
        ChatStream stream =
            client.chatStream(
                ChatCompletionRequest.newBuilder()
                    .setModel(ExampleEnv.model())
                    .addMessages(Messages.user("Tell me a short story."))
                    .build())) {
      for (ChatCompletionChunk chunk : stream) {
        if (chunk.getChoicesCount() > 0 && chunk.getChoices(0).getDelta().hasContent()) {
          out.print(chunk.getChoices(0).getDelta().getContent());
          out.flush();
        }
        if (chunk.hasUsage()) {
          out.println();
          out.println("Total tokens: " + chunk.getUsage().getTotalTokens());
        }
      }
    }
  }
}
