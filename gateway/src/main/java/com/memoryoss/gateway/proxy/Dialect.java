package com.memoryoss.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.memoryoss.extractor.Exchange;
import java.util.List;

/**
 * What the proxy needs to know about one LLM API: where the user's question is, where memories go
 * (without losing any client content), where the answer's text is, and how errors look.
 */
sealed interface Dialect permits ChatCompletions, Responses, AnthropicMessages {

  /** {@code openai.chat}, {@code openai.responses} or {@code anthropic.messages}. */
  String api();

  /** A reason the body is unusable, or {@code null}. */
  String invalid(ObjectNode body);

  /** The text of the latest user turn (text parts joined), or "". */
  String query(ObjectNode body);

  /** Adds the memory block to the system prompt, keeping everything the client sent. */
  void inject(ObjectNode body, String block);

  /** The conversation as text turns, for extraction. */
  List<Exchange.Turn> turns(ObjectNode body);

  /** The assistant's text in a non-streaming response body. */
  String answer(JsonNode response);

  /** Folds one server-sent event into the answer text; true once the stream says it finished. */
  boolean onEvent(String event, JsonNode data, StringBuilder answer);

  /** An error body in this API's own shape. */
  ObjectNode error(String type, String message);

  default String model(ObjectNode body) {
    return body.path("model").asText("");
  }

  default boolean streaming(ObjectNode body) {
    return body.path("stream").asBoolean(false);
  }

  /** Text of a content value: a string, or the text of an array of parts. */
  static String text(JsonNode content) {
    if (content == null || content.isNull() || content.isMissingNode()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder sb = new StringBuilder();
    if (content.isArray()) {
      for (JsonNode part : content) {
        String type = part.path("type").asText("");
        if (part.isTextual()) {
          append(sb, part.asText());
        } else if (type.equals("text") || type.equals("input_text") || type.equals("output_text")) {
          append(sb, part.path("text").asText(""));
        }
      }
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, String s) {
    if (!s.isBlank()) {
      sb.append(sb.isEmpty() ? "" : "\n").append(s);
    }
  }
}
