package com.memoryoss.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.memoryoss.extractor.Exchange;
import java.util.ArrayList;
import java.util.List;

/** OpenAI Chat Completions ({@code POST /v1/chat/completions}). */
final class ChatCompletions implements Dialect {
  static final ChatCompletions INSTANCE = new ChatCompletions();

  @Override
  public String api() {
    return "openai.chat";
  }

  @Override
  public String invalid(ObjectNode body) {
    return body.path("messages").isArray() ? null : "messages must be an array";
  }

  @Override
  public String query(ObjectNode body) {
    JsonNode messages = body.path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode m = messages.get(i);
      if (m.path("role").asText().equals("user")) {
        String t = Dialect.text(m.path("content"));
        if (!t.isBlank()) {
          return t;
        }
      }
    }
    return "";
  }

  /**
   * Into the first system (or developer) message: a string gets the block appended, an array of
   * parts gets a text part; with neither, a system message is inserted first.
   */
  @Override
  public void inject(ObjectNode body, String block) {
    ArrayNode messages = (ArrayNode) body.get("messages");
    for (JsonNode m : messages) {
      String role = m.path("role").asText();
      if (role.equals("system") || role.equals("developer")) {
        ObjectNode msg = (ObjectNode) m;
        JsonNode content = msg.get("content");
        if (content != null && content.isArray()) {
          ((ArrayNode) content).addObject().put("type", "text").put("text", block);
        } else {
          msg.put("content", (content == null ? "" : content.asText()) + "\n\n" + block);
        }
        return;
      }
    }
    ObjectNode system = JsonNodeFactory.instance.objectNode();
    system.put("role", "system").put("content", block);
    messages.insert(0, system);
  }

  @Override
  public List<Exchange.Turn> turns(ObjectNode body) {
    List<Exchange.Turn> out = new ArrayList<>();
    for (JsonNode m : body.path("messages")) {
      String t = Dialect.text(m.path("content"));
      if (!t.isBlank()) {
        out.add(new Exchange.Turn(m.path("role").asText("user"), t));
      }
    }
    return out;
  }

  @Override
  public String answer(JsonNode response) {
    return Dialect.text(response.path("choices").path(0).path("message").path("content"));
  }

  @Override
  public boolean onEvent(String event, JsonNode data, StringBuilder answer) {
    if (data == null) {
      return false;
    }
    JsonNode delta = data.path("choices").path(0).path("delta").path("content");
    if (delta.isTextual()) {
      answer.append(delta.asText());
    }
    return false;
  }

  @Override
  public ObjectNode error(String type, String message) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.putObject("error").put("message", message).put("type", type);
    return root;
  }
}
