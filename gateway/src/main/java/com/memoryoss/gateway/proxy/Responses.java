package com.memoryoss.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.memoryoss.extractor.Exchange;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI Responses ({@code POST /v1/responses}), as Codex uses it. Memories go into the
 * top-level {@code instructions}; {@code input} items, whatever their type, are never touched.
 */
final class Responses implements Dialect {
  static final Responses INSTANCE = new Responses();

  @Override
  public String api() {
    return "openai.responses";
  }

  @Override
  public String invalid(ObjectNode body) {
    JsonNode input = body.get("input");
    return input != null && (input.isArray() || input.isTextual()) ? null
        : "input must be a string or an array";
  }

  @Override
  public String query(ObjectNode body) {
    JsonNode input = body.path("input");
    if (input.isTextual()) {
      return input.asText();
    }
    for (int i = input.size() - 1; i >= 0; i--) {
      JsonNode item = input.get(i);
      if (item.path("role").asText().equals("user")) {
        String t = Dialect.text(item.path("content"));
        if (!t.isBlank() && !t.startsWith("<environment_context>")) {
          return t;
        }
      }
    }
    return "";
  }

  @Override
  public void inject(ObjectNode body, String block) {
    JsonNode instructions = body.get("instructions");
    String existing = instructions != null && instructions.isTextual() ? instructions.asText() : "";
    body.put("instructions", existing.isEmpty() ? block : existing + "\n\n" + block);
  }

  @Override
  public List<Exchange.Turn> turns(ObjectNode body) {
    List<Exchange.Turn> out = new ArrayList<>();
    JsonNode input = body.path("input");
    if (input.isTextual()) {
      out.add(new Exchange.Turn("user", input.asText()));
      return out;
    }
    for (JsonNode item : input) {
      String role = item.path("role").asText("");
      String t = Dialect.text(item.path("content"));
      if (!role.isEmpty() && !t.isBlank()) {
        out.add(new Exchange.Turn(role.equals("developer") ? "system" : role, t));
      }
    }
    return out;
  }

  @Override
  public String answer(JsonNode response) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode item : response.path("output")) {
      if (item.path("type").asText().equals("message")) {
        String t = Dialect.text(item.path("content"));
        if (!t.isBlank()) {
          sb.append(sb.isEmpty() ? "" : "\n").append(t);
        }
      }
    }
    return sb.toString();
  }

  @Override
  public boolean onEvent(String event, JsonNode data, StringBuilder answer) {
    if (data == null) {
      return false;
    }
    String type = data.path("type").asText(event == null ? "" : event);
    if (type.equals("response.output_text.delta")) {
      answer.append(data.path("delta").asText(""));
    }
    return type.equals("response.completed");
  }

  @Override
  public ObjectNode error(String type, String message) {
    return ChatCompletions.INSTANCE.error(type, message);
  }

  static ObjectNode empty() {
    return JsonNodeFactory.instance.objectNode();
  }
}
