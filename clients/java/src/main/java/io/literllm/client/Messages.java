package io.literllm.client;

import io.literllm.v1.ChatCompletionResponse;
import io.literllm.v1.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chat messages, typed or from plain maps:
 *
 * <pre>{@code
 * Messages.user("Hello!")
 * Messages.of(Map.of("role", "user", "content", "Hello!"))
 * }</pre>
 */
public final class Messages {
  private Messages() {}

  public static Message system(String content) {
    return text("system", content);
  }

  public static Message developer(String content) {
    return text("developer", content);
  }

  public static Message user(String content) {
    return text("user", content);
  }

  public static Message assistant(String content) {
    return text("assistant", content);
  }

  /** The answer to a tool call: {@code {"role":"tool","tool_call_id":...,"content":...}}. */
  public static Message tool(String toolCallId, String content) {
    return Message.newBuilder()
        .setRole("tool")
        .setToolCallId(toolCallId)
        .setContent(content)
        .build();
  }

  /** A message with a role and text content. */
  public static Message text(String role, String content) {
    return Message.newBuilder().setRole(role).setContent(content).build();
  }

  /**
   * A message from an OpenAI-shaped map, e.g. {@code {"role":"user","content":"Hi"}} or an assistant
   * turn with {@code tool_calls}. A list {@code content} (multimodal parts) goes to {@code
   * content_parts}.
   */
  public static Message of(Map<String, ?> map) {
    Object content = map.get("content");
    if (content instanceof List) {
      Map<String, Object> copy = new java.util.LinkedHashMap<>(map);
      copy.remove("content");
      copy.put("content_parts", content);
      map = copy;
    }
    return Json.merge(map, Message.newBuilder()).build();
  }

  /** Messages from a list of maps and/or typed {@link Message}s. */
  @SuppressWarnings("unchecked")
  public static List<Message> list(List<?> items) {
    List<Message> messages = new ArrayList<>(items.size());
    for (Object item : items) {
      if (item instanceof Message) {
        messages.add((Message) item);
      } else if (item instanceof Message.Builder) {
        messages.add(((Message.Builder) item).build());
      } else if (item instanceof Map) {
        messages.add(of((Map<String, ?>) item));
      } else {
        throw new IllegalArgumentException("not a message: " + item);
      }
    }
    return messages;
  }

  /** The assistant message of the first choice, to append to the conversation. */
  public static Message firstChoice(ChatCompletionResponse response) {
    if (response.getChoicesCount() == 0) {
      throw new IllegalArgumentException("response has no choices");
    }
    return response.getChoices(0).getMessage();
  }
}
