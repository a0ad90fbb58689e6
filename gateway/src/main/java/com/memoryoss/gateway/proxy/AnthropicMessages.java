package com.memoryoss.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.memoryoss.extractor.Exchange;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic Messages ({@code POST /v1/messages}), as the SDK and Claude Code use it. Memories go
 * into the top-level {@code system}: appended to a string, or as one more text block of an
 * array (the client's cached blocks stay first, so prompt caching still hits).
 */
final class AnthropicMessages implements Dialect {
  static final AnthropicMessages INSTANCE = new AnthropicMessages();

  @Override
  public String api() {
    return "anthropic.messages";
  }

  @Override
  public String invalid(ObjectNode body) {
    return body.path("messages").isArray() ? null : "messages: Field required";
  }

  /** The latest user turn with text (tool results are not questions). */
  @Override
  public String query(ObjectNode body) {
    JsonNode messages = body.path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode m = messages.get(i);
      if (m.path("role").asText().equals("user")) {
        String t = userText(m.path("content"));
        if (!t.isBlank()) {
          return t;
        }
      }
    }
    return "";
  }

  private static String userText(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder sb = new StringBuilder();
    for (JsonNode block : content) {
      if (block.path("type").asText().equals("text")) {
        String t = block.path("text").asText("");
        // Claude Code wraps reminders in <system-reminder>: they are not the user's question.
        if (!t.isBlank() && !t.stripLeading().startsWith("<system-reminder>")) {
          sb.append(sb.isEmpty() ? "" : "\n").append(t);
        }
      }
    }
    return sb.toString();
  }

  @Override
  public void inject(ObjectNode body, String block) {
    JsonNode system = body.get("system");
    if (system != null && system.isArray()) {
      ((ArrayNode) system).addObject().put("type", "text").put("text", block);
    } else if (system != null && system.isTextual() && !system.asText().isEmpty()) {
      body.put("system", system.asText() + "\n\n" + block);
    } else {
      body.put("system", block);
    }
  }

  @Override
  public List<Exchange.Turn> turns(ObjectNode body) {
    List<Exchange.Turn> out = new ArrayList<>();
    JsonNode system = body.path("system");
    String sys = Dialect.text(system);
    if (!sys.isBlank()) {
      out.add(new Exchange.Turn("system", sys));
    }
    for (JsonNode m : body.path("messages")) {
      String role = m.path("role").asText("user");
      String t = role.equals("user") ? userText(m.path("content")) : Dialect.text(m.path("content"));
      if (!t.isBlank()) {
        out.add(new Exchange.Turn(role, t));
      }
    }
    return out;
  }

  @Override
  public String answer(JsonNode response) {
    return Dialect.text(response.path("content"));
  }

  @Override
  public boolean onEvent(String event, JsonNode data, StringBuilder answer) {
    if (data == null) {
      return false;
    }
    String type = data.path("type").asText(event == null ? "" : event);
    if (type.equals("content_block_delta")
        && data.path("delta").path("type").asText().equals("text_delta")) {
      answer.append(data.path("delta").path("text").asText(""));
    }
    return type.equals("message_stop");
  }

  @Override
  public ObjectNode error(String type, String message) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("type", "error");
    root.putObject("error").put("type", type).put("message", message);
    return root;
  }
}
