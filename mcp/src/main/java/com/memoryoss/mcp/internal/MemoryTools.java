package com.memoryoss.mcp.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.memoryoss.client.HttpMemoryService;
import com.memoryoss.client.WireJson;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryException;
import com.memoryoss.protocol.MemoryType;
import com.memoryoss.protocol.Rejection;
import com.memoryoss.protocol.api.Caller;
import com.memoryoss.protocol.api.MemoryService;
import com.memoryoss.protocol.api.RecallResponse;
import com.memoryoss.protocol.api.ScoredMemory;
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
 * What each tool does: check the arguments, make one call of the {@link MemoryService} port, and
 * answer with compact JSON. Every failure becomes a tool error ({@code isError}) whose text says what went wrong and
 * what to do; nothing is thrown to the SDK. Stateless and thread-safe (the SDK runs calls
 * concurrently).
 */
public final class MemoryTools {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryTools.class);

  private final MemoryService memory;
  private final Caller caller;

  public MemoryTools(MemoryService memory, Caller caller) {
    this.memory = memory;
    this.caller = caller;
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
    } catch (MemoryException e) {
      return error(e.reason() == Rejection.UNAVAILABLE ? e.getMessage()
          : "memoryOSS refused the request (" + describe(e.reason()) + "): " + e.getMessage());
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
    RecallResponse answer = HttpMemoryService.await(memory.recall(caller, request));
    ArrayNode out = WireJson.MAPPER.createArrayNode();
    for (ScoredMemory hit : answer.memories()) {
      Memory m = hit.memory();
      ObjectNode o = out.addObject();
      o.put("id", m.id().toString());
      o.put("content", m.content());
      o.set("tags", WireJson.MAPPER.valueToTree(m.tags()));
      if (m.agent() != null) {
        o.put("agent", m.agent());
      }
      o.put("score", BigDecimal.valueOf(hit.score()).setScale(3, RoundingMode.HALF_UP));
      o.set("created_at", WireJson.MAPPER.valueToTree(m.createdAt()));
      o.set("memory_type", WireJson.MAPPER.valueToTree(m.memoryType()));
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
    StoreResponse r = HttpMemoryService.await(memory.store(caller, request));
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
    UpdateResponse r = HttpMemoryService.await(memory.update(caller,
        new UpdateRequest(id, content, tags, null, a.string("namespace"))));
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
    ForgetResponse r = HttpMemoryService.await(memory.forget(caller, new ForgetRequest(null,
        ids.isEmpty() ? null : ids, agent, session, a.string("namespace"), tags, null)));
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

  private static String describe(Rejection r) {
    return switch (r) {
      case INVALID -> "invalid request";
      case NOT_FOUND -> "not found";
      case UNAUTHORIZED -> "not authenticated";
      case FORBIDDEN -> "not allowed";
      case BUSY -> "busy; retry shortly";
      case UNAVAILABLE -> "unavailable";
    };
  }

  private static CallToolResult error(String message) {
    return CallToolResult.builder().addTextContent(message).isError(true).build();
  }
}
