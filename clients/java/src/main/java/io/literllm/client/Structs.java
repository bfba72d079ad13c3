package io.literllm.client;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions between native Java values ({@code Map}, {@code List}, {@code String}, {@code
 * Number}, {@code Boolean}, {@code null}) and {@code google.protobuf.Struct}/{@code Value}, used for
 * tool parameters, JSON schemas and {@code tool_choice}.
 */
public final class Structs {
  private Structs() {}

  /** A Struct from a map whose values are maps, lists, strings, numbers, booleans or null. */
  public static Struct of(Map<String, ?> map) {
    Struct.Builder builder = Struct.newBuilder();
    for (Map.Entry<String, ?> entry : map.entrySet()) {
      builder.putFields(entry.getKey(), value(entry.getValue()));
    }
    return builder.build();
  }

  /** A Value from a native Java value. */
  @SuppressWarnings("unchecked")
  public static Value value(Object object) {
    if (object == null) {
      return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
    }
    if (object instanceof Value) {
      return (Value) object;
    }
    if (object instanceof Struct) {
      return Value.newBuilder().setStructValue((Struct) object).build();
    }
    if (object instanceof String) {
      return Value.newBuilder().setStringValue((String) object).build();
    }
    if (object instanceof Boolean) {
      return Value.newBuilder().setBoolValue((Boolean) object).build();
    }
    if (object instanceof Number) {
      return Value.newBuilder().setNumberValue(((Number) object).doubleValue()).build();
    }
    if (object instanceof Map) {
      Map<?, ?> raw = (Map<?, ?>) object;
      Struct.Builder struct = Struct.newBuilder();
      for (Map.Entry<?, ?> entry : raw.entrySet()) {
        if (!(entry.getKey() instanceof String)) {
          throw new IllegalArgumentException("Struct keys must be strings, got " + entry.getKey());
        }
        struct.putFields((String) entry.getKey(), value(entry.getValue()));
      }
      return Value.newBuilder().setStructValue(struct).build();
    }
    Iterable<?> items = null;
    if (object instanceof Iterable) {
      items = (Iterable<?>) object;
    } else if (object instanceof Object[]) {
      items = Arrays.asList((Object[]) object);
    }
    if (items != null) {
      ListValue.Builder list = ListValue.newBuilder();
      for (Object item : items) {
        list.addValues(value(item));
      }
      return Value.newBuilder().setListValue(list).build();
    }
    if (object instanceof Enum) {
      return Value.newBuilder().setStringValue(((Enum<?>) object).name()).build();
    }
    throw new IllegalArgumentException(
        "cannot convert " + object.getClass().getName() + " to google.protobuf.Value");
  }

  /** The native form of a Struct: nested {@code LinkedHashMap}s, lists, strings, doubles, booleans. */
  public static Map<String, Object> toMap(Struct struct) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (Map.Entry<String, Value> entry : struct.getFieldsMap().entrySet()) {
      map.put(entry.getKey(), toObject(entry.getValue()));
    }
    return map;
  }

  /** The native form of a Value. */
  public static Object toObject(Value value) {
    switch (value.getKindCase()) {
      case STRUCT_VALUE:
        return toMap(value.getStructValue());
      case LIST_VALUE:
        List<Object> list = new ArrayList<>();
        for (Value item : value.getListValue().getValuesList()) {
          list.add(toObject(item));
        }
        return list;
      case STRING_VALUE:
        return value.getStringValue();
      case NUMBER_VALUE:
        return value.getNumberValue();
      case BOOL_VALUE:
        return value.getBoolValue();
      default:
        return null;
    }
  }
}
