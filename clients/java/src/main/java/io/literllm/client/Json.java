package io.literllm.client;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.util.Map;

/**
 * Builds generated messages from OpenAI-shaped maps or JSON text, and prints them back as JSON. Field
 * names are OpenAI's ({@code tool_calls}, {@code max_tokens}, ...).
 */
public final class Json {
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().preservingProtoFieldNames().omittingInsignificantWhitespace();

  private Json() {}

  /** Merges an OpenAI-shaped map (as parsed JSON would look) into {@code builder}. */
  @SuppressWarnings("unchecked")
  public static <B extends Message.Builder> B merge(Map<String, ?> map, B builder) {
    return merge(print(Structs.of(map)), builder);
  }

  /** Merges JSON text into {@code builder}. */
  public static <B extends Message.Builder> B merge(String json, B builder) {
    try {
      PARSER.merge(json, builder);
      return builder;
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "not a valid " + builder.getDescriptorForType().getFullName() + ": " + e.getMessage(), e);
    }
  }

  /** The message as compact JSON with OpenAI's field names. */
  public static String print(com.google.protobuf.MessageOrBuilder message) {
    try {
      return PRINTER.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
