package io.literllm.client;

import com.google.protobuf.Value;
import io.literllm.v1.FunctionDefinition;
import io.literllm.v1.JsonSchemaFormat;
import io.literllm.v1.ResponseFormat;
import io.literllm.v1.Tool;
import java.util.Map;

/** Tools, tool_choice and response_format, with JSON schemas given as native maps. */
public final class Tools {
  private Tools() {}

  /** A {@code function} tool whose parameters JSON schema is a native map. */
  public static Tool function(String name, String description, Map<String, ?> parameters) {
    FunctionDefinition.Builder function = FunctionDefinition.newBuilder().setName(name);
    if (description != null) {
      function.setDescription(description);
    }
    if (parameters != null) {
      function.setParameters(Structs.of(parameters));
    }
    return Tool.newBuilder().setType("function").setFunction(function).build();
  }

  /** A tool from an OpenAI-shaped map: {@code {"type":"function","function":{...}}}. */
  public static Tool of(Map<String, ?> map) {
    return Json.merge(map, Tool.newBuilder()).build();
  }

  /** {@code "none"}, {@code "auto"} or {@code "required"}. */
  public static Value choice(String mode) {
    return Structs.value(mode);
  }

  /** {@code {"type":"function","function":{"name":...}}}: force this tool. */
  public static Value choiceFunction(String name) {
    return Structs.value(Map.of("type", "function", "function", Map.of("name", name)));
  }

  /** {@code {"type":"json_object"}}. */
  public static ResponseFormat jsonObject() {
    return ResponseFormat.newBuilder().setType("json_object").build();
  }

  /** {@code {"type":"json_schema","json_schema":{"name":...,"schema":...,"strict":...}}}. */
  public static ResponseFormat jsonSchema(String name, Map<String, ?> schema, boolean strict) {
    return ResponseFormat.newBuilder()
        .setType("json_schema")
        .setJsonSchema(
            JsonSchemaFormat.newBuilder()
                .setName(name)
                .setSchema(Structs.of(schema))
                .setStrict(strict))
        .build();
  }

  /** The arguments of a tool call (a JSON object) as a native map. */
  public static Map<String, Object> arguments(io.literllm.v1.ToolCall call) {
    return parseObject(call.getFunction().getArguments());
  }

  /** A JSON object (e.g. a json_object answer or tool arguments) as a native map. */
  public static Map<String, Object> parseObject(String json) {
    return Structs.toMap(Json.merge(json, com.google.protobuf.Struct.newBuilder()).build());
  }
}
