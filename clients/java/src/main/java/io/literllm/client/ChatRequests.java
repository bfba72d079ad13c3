package io.literllm.client;

import io.literllm.v1.ChatCompletionRequest;
import io.literllm.v1.Message;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Chat requests from OpenAI-shaped maps, or the common one-message case. */
public final class ChatRequests {
  private ChatRequests() {}

  /**
   * A request from an OpenAI-shaped map: {@code model}, {@code messages} (maps or typed {@link
   * Message}s), {@code temperature}, {@code tools} (maps or typed), {@code response_format}, ...
   */
  @SuppressWarnings("unchecked")
  public static ChatCompletionRequest of(Map<String, ?> map) {
    Map<String, Object> rest = new LinkedHashMap<>(map);
    Object messages = rest.remove("messages");
    Object tools = rest.remove("tools");
    ChatCompletionRequest.Builder builder = Json.merge(rest, ChatCompletionRequest.newBuilder());
    if (messages != null) {
      builder.addAllMessages(Messages.list((List<?>) messages));
    }
    if (tools != null) {
      for (Object tool : (List<?>) tools) {
        if (tool instanceof io.literllm.v1.Tool) {
          builder.addTools((io.literllm.v1.Tool) tool);
        } else {
          builder.addTools(Tools.of((Map<String, ?>) tool));
        }
      }
    }
    return builder.build();
  }

  /** {@code model} with one user message. */
  public static ChatCompletionRequest.Builder user(String model, String content) {
    return ChatCompletionRequest.newBuilder().setModel(model).addMessages(Messages.user(content));
  }
}
