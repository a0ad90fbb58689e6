package com.memoryoss.mcp.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.memoryoss.mcp.HttpMemoryClient;
import com.memoryoss.mcp.MemoryApiException;
import com.memoryoss.protocol.MemoryType;
import com.memoryoss.protocol.api.ForgetRequest;
import com.memoryoss.protocol.api.ForgetResponse;
import com.memoryoss.protocol.api.RecallRequest;
import com.memoryoss.protocol.api.StoreRequest;
import com.memoryoss.protocol.api.StoreResponse;
import com.memoryoss.protocol.api.UpdateRequest;
import com.memoryoss.protocol.api.UpdateResponse;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each tool does: check the arguments, make one memory-API call, and answer with compact
 * JSON. Every failure becomes a tool error ({@code isError}) whose text says what went wrong and
 * what to do; nothing is thrown to the SDK. Stateless and thread-safe (the SDK runs calls
 * concurrently).
 */
public final class MemoryTools {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryTools.class);

  private final HttpMemoryClient client;

  public MemoryTools(HttpMemoryClient client) {
    this.client = client;
  }

  /** Runs the named tool; unknown names are a tool error. */
  public CallToolResult call(String tool, Map<String, Object> arguments) {
    try {
      String json = switch (tool) {
        case ToolCatalogue.RECALL -> recall(Args.of(tool, arguments, ToolCatalogue.RECALL_ARGS));
        case ToolCatalogue.STORE -> store(Args.of(tool, arguments, ToolCatalogue.STORE_ARGS));
        case ToolCatalogue.UPDATE -> update(Args.of(tool, arguments, ToolCatalogue.UPDATE_ARGS));
        case ToolCatalogue.FORGET -> forget(Args.of(tool, arguments, ToolCatalogue.FORGET_ARGS));
        default -> throw new Args.BadArguments("unknown tool '" + tool + "'");
      };
      return CallToolResult.builder().addTextContent(json).isError(false).build();
    } catch (Args.BadArguments e) {
      return error(e.getMessage());
    } catch (MemoryApiException e) {
      return error(e.unreachable() ? e.getMessage()
          : "memoryOSS refused the request (HTTP " + e.status() + "): " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("{} failed", tool, e);
      return error(tool + " failed unexpectedly: " + e);
    }
  }

  private String recall(Args a) {
    Integer limit = a.integer("limit");
    if (limit != null && (limit < 1 || limit > 100)) {
      throw new Args.BadArguments(ToolCatalogue.RECALL + ": 'limit' must be between 1 and 100");
    }
    RecallRequest request = new RecallRequest(a.requiredString("query"), limit, a.string("agent"),
        a.string("session"), a.string("namespace"), null, a.nonEmptyStrings("tags"), null, null, null,
        null, null, null, null, null, null, null);
    JsonNode answer = client.recall(request);
    ArrayNode out = WireJson.MAPPER.createArrayNode();
    for (JsonNode hit : answer.path("memories")) {
      JsonNode m = hit.path("memory");
      ObjectNode o = out.addObject();
      o.set("id", m.get("id"));
      o.set("content", m.get("content"));
      o.set("tags", m.has("tags") ? m.get("tags") : WireJson.MAPPER.createArrayNode());
      if (m.hasNonNull("agent")) {
        o.set("agent", m.get("agent"));
      }
      o.put("score", BigDecimal.valueOf(hit.path("score").asDouble())
          .setScale(3, RoundingMode.HALF_UP));
      o.set("created_at", m.get("created_at"));
      o.set("memory_type", m.get("memory_type"));
    }
    return json(out);
  }

  private String store(Args a) {
    String type = a.string("memory_type");
    MemoryType memoryType;
    try {
      memoryType = type == null ? null : MemoryType.fromWire(type);
    } catch (IllegalArgumentException e) {
      throw new Args.BadArguments(ToolCatalogue.STORE + ": " + e.getMessage());
    }
    StoreRequest request = new StoreRequest(a.requiredString("content"), a.strings("tags"),
        a.string("agent"), a.string("session"), a.string("namespace"), memoryType, null, null);
    StoreResponse r = client.store(request);
    ObjectNode o = WireJson.MAPPER.createObjectNode();
    o.put("id", r.id().toString());
    o.put("version", r.version());
    o.put("stored", true);
    return json(o);
  }

  private String update(Args a) {
    UUID id = a.uuid("id", a.requiredString("id"));
    String content = a.string("content");
    // An explicit "tags": [] clears the tags; absent leaves them as they are.
    List<String> tags = a.strings("tags");
    if (content == null && tags == null) {
      throw new Args.BadArguments(ToolCatalogue.UPDATE
          + ": nothing to change; give the new 'content' and/or 'tags'");
    }
    UpdateResponse r = client.update(new UpdateRequest(id, content, tags, null,
        a.string("namespace")));
    ObjectNode o = WireJson.MAPPER.createObjectNode();
    o.put("id", r.id().toString());
    o.put("version", r.version());
    o.put("updated", true);
    return json(o);
  }

  private String forget(Args a) {
    List<String> rawIds = a.nonEmptyStrings("ids");
    List<UUID> ids = rawIds == null ? List.of() : rawIds.stream().map(s -> a.uuid("ids", s))
        .toList();
    String agent = a.string("agent");
    String session = a.string("session");
    List<String> tags = a.nonEmptyStrings("tags");
    boolean filter = agent != null || session != null || tags != null;
    if (ids.isEmpty() && !filter) {
      throw new Args.BadArguments(ToolCatalogue.FORGET + ": nothing deleted; give the 'ids' to"
          + " delete (from memoryoss_recall) or a filter ('agent', 'session', 'tags')."
          + " Deleting everything is never done.");
    }
    if (!ids.isEmpty() && filter) {
      throw new Args.BadArguments(ToolCatalogue.FORGET
          + ": give either 'ids' or a filter ('agent', 'session', 'tags'), not both");
    }
    ForgetResponse r = client.forget(new ForgetRequest(ids.isEmpty() ? null : ids, agent,
        session, a.string("namespace"), tags, null));
    ObjectNode o = WireJson.MAPPER.createObjectNode();
    o.put("deleted", r.deleted());
    return json(o);
  }

  private static String json(JsonNode node) {
    try {
      return WireJson.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CallToolResult error(String message) {
    return CallToolResult.builder().addTextContent(message).isError(true).build();
  }
}
