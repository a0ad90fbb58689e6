package com.memoryoss.gateway.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/**
 * The JSON of the memory API: snake_case fields, RFC 3339 timestamps, absent instead of null,
 * strict on input (unknown fields, wrong types and trailing garbage are errors). Parse errors are
 * turned into short messages naming the field, never echoing the request.
 */
public final class Json {
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private Json() {}

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses a request body.
   *
   * @throws BadJson with a message fit for the caller
   */
  public static <T> T read(byte[] body, Class<T> type) {
    if (body.length == 0) {
      throw new BadJson("request body is required");
    }
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw new BadJson("request body must be a JSON object");
      }
      return value;
    } catch (IOException e) {
      throw new BadJson(describe(e));
    }
  }

  static String describe(IOException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field '" + path(u) + "'";
    }
    if (e instanceof ValueInstantiationException v && v.getCause() != null) {
      return "invalid value for '" + path(v) + "': " + v.getCause().getMessage();
    }
    if (e instanceof InvalidFormatException f) {
      Throwable cause = f.getCause();
      String why = cause instanceof IllegalArgumentException && cause.getMessage() != null
          ? cause.getMessage() : "expected " + simpleType(f.getTargetType());
      return "invalid value for '" + path(f) + "': " + why;
    }
    if (e instanceof MismatchedInputException m) {
      String p = path(m);
      return p.isEmpty()
          ? "request body must be a JSON object"
          : "invalid value for '" + p + "': expected " + simpleType(m.getTargetType());
    }
    if (e instanceof JsonMappingException m && !path(m).isEmpty()) {
      Throwable cause = m.getCause();
      return "invalid value for '" + path(m) + "'"
          + (cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : "");
    }
    if (e instanceof JsonProcessingException p) {
      var loc = p.getLocation();
      return "malformed JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column "
          + loc.getColumnNr()) + ": " + p.getOriginalMessage().split("\n")[0];
    }
    return "malformed JSON";
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String simpleType(Class<?> t) {
    if (t == null) {
      return "a different type";
    }
    if (java.util.Collection.class.isAssignableFrom(t) || t.isArray()) {
      return "an array";
    }
    if (t == String.class) {
      return "a string";
    }
    if (Number.class.isAssignableFrom(t) || t.isPrimitive() && t != boolean.class) {
      return "a number";
    }
    if (t == Boolean.class || t == boolean.class) {
      return "a boolean";
    }
    if (t == java.time.Instant.class) {
      return "an RFC 3339 timestamp";
    }
    if (t == java.util.UUID.class) {
      return "a UUID";
    }
    if (t.isEnum()) {
      return "one of its allowed values";
    }
    return "an object";
  }

  /** A request body that could not be parsed; its message is safe to return. */
  public static final class BadJson extends RuntimeException {
    public BadJson(String message) {
      super(message, null, false, false);
    }
  }
}
