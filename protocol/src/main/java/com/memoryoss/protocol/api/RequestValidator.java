package com.memoryoss.protocol.api;

import com.memoryoss.protocol.ForgetSpec;
import com.memoryoss.protocol.ListSpec;
import com.memoryoss.protocol.MemoryFilter;
import com.memoryoss.protocol.MemoryStatus;
import com.memoryoss.protocol.RecallQuery;
import com.memoryoss.protocol.StoreSpec;
import com.memoryoss.protocol.UpdateSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns API requests into validated specs, or throws {@link MemoryException} with the original's
 * messages ({@code content is empty}, {@code too many tags (51 > 50)}, ...). Pure and
 * thread-safe.
 */
public final class RequestValidator {
  private final Limits limits;

  public RequestValidator(Limits limits) {
    this.limits = limits;
  }

  public Limits limits() {
    return limits;
  }

  /** A manual store by {@code sourceKey}: active, full confidence. */
  public StoreSpec store(StoreRequest r, String sourceKey) {
    if (r == null) {
      throw MemoryException.invalid("request body is required");
    }
    if (Boolean.TRUE.equals(r.zeroKnowledge())) {
      throw MemoryException.invalid(
          "zero_knowledge stores are not supported by this server; content is encrypted at rest"
              + " on the server instead");
    }
    String content = content(r.content());
    return new StoreSpec(content, tags(r.tags()), label("agent", r.agent()),
        label("session", r.session()), r.memoryType(), MemoryStatus.ACTIVE, null, sourceKey);
  }

  public List<StoreSpec> storeBatch(StoreBatchRequest r, String sourceKey) {
    if (r == null || r.memories() == null || r.memories().isEmpty()) {
      throw MemoryException.invalid("empty batch");
    }
    if (r.memories().size() > Limits.MAX_BATCH_STORE) {
      throw MemoryException.invalid(
          "batch too large (" + r.memories().size() + " > " + Limits.MAX_BATCH_STORE + ")");
    }
    List<StoreSpec> specs = new ArrayList<>(r.memories().size());
    for (int i = 0; i < r.memories().size(); i++) {
      try {
        specs.add(store(r.memories().get(i), sourceKey));
      } catch (MemoryException e) {
        throw MemoryException.invalid("memories[" + i + "]: " + e.getMessage());
      }
    }
    return specs;
  }

  public RecallQuery recall(RecallRequest r, double defaultMinScore) {
    if (r == null) {
      throw MemoryException.invalid("request body is required");
    }
    if (r.query() == null || r.query().isBlank()) {
      throw MemoryException.invalid("query is empty");
    }
    int bytes = utf8(r.query());
    if (bytes > limits.maxContentBytes()) {
      throw MemoryException.invalid(
          "query exceeds maximum size (" + bytes + " > " + limits.maxContentBytes() + " bytes)");
    }
    int limit = r.limit() == null ? 10 : r.limit();
    if (limit < 1) {
      throw MemoryException.invalid("limit must be at least 1");
    }
    limit = Math.min(limit, Limits.MAX_RECALL_LIMIT);
    boolean strong;
    if (r.consistency() == null || r.consistency().equals("strong")) {
      strong = true;
    } else if (r.consistency().equals("eventual")) {
      strong = false;
    } else {
      throw MemoryException.invalid("consistency must be \"strong\" or \"eventual\"");
    }
    if (r.cursor() != null && !RecallCursor.isWellFormed(r.cursor())) {
      throw MemoryException.invalid("invalid cursor");
    }
    double minScore = unit("min_recall_score", r.minRecallScore(), defaultMinScore);
    double minChannel = unit("min_channel_score", r.minChannelScore(), 0);
    double diversity = unit("diversity_factor", r.diversityFactor(), 0);
    if (r.queryEmbedding() != null && r.queryEmbedding().stream().anyMatch(
        f -> f == null || f.isNaN() || f.isInfinite())) {
      throw MemoryException.invalid("query_embedding contains NaN, Inf or null values");
    }
    MemoryFilter filter = new MemoryFilter(label("agent", r.agent()),
        label("session", r.session()), filterTags(r.tags()), r.memoryType(), r.before(),
        r.after());
    return new RecallQuery(r.query(), limit, filter, r.weights(), strong, r.cursor(), minScore,
        minChannel, diversity, r.queryEmbedding(), Boolean.TRUE.equals(r.includeEmbedding()));
  }

  private static double unit(String field, Double value, double dflt) {
    double v = value == null ? dflt : value;
    if (Double.isNaN(v) || v < 0 || v > 1) {
      throw MemoryException.invalid(field + " must be between 0.0 and 1.0");
    }
    return v;
  }

  public UpdateSpec update(UpdateRequest r) {
    if (r == null || r.id() == null) {
      throw MemoryException.invalid("id is required");
    }
    String content = r.content() == null ? null : content(r.content());
    UpdateSpec spec =
        new UpdateSpec(r.id(), content, r.tags() == null ? null : tags(r.tags()), r.memoryType());
    if (spec.changesNothing()) {
      throw MemoryException.invalid("nothing to update: give content, tags or memory_type");
    }
    return spec;
  }

  public ForgetSpec forget(ForgetRequest r) {
    if (r == null) {
      throw MemoryException.invalid("request body is required");
    }
    MemoryFilter filter = new MemoryFilter(label("agent", r.agent()),
        label("session", r.session()), filterTags(r.tags()), null, r.before(), null);
    List<java.util.UUID> ids = r.ids() == null ? List.of() : r.ids();
    if (ids.stream().anyMatch(java.util.Objects::isNull)) {
      throw MemoryException.invalid("ids must not contain null");
    }
    if (ids.isEmpty() && filter.isEmpty()) {
      throw MemoryException.invalid(
          "forget needs ids or a filter (agent, session, tags, before); refusing to delete"
              + " everything");
    }
    if (!ids.isEmpty() && !filter.isEmpty()) {
      throw MemoryException.invalid("give either ids or a filter, not both");
    }
    return new ForgetSpec(ids, filter);
  }

  public ListSpec list(ListRequest r) {
    int limit = r.limit() == null ? 100 : r.limit();
    if (limit < 1 || limit > Limits.MAX_LIST_LIMIT) {
      throw MemoryException.invalid("limit must be between 1 and " + Limits.MAX_LIST_LIMIT);
    }
    MemoryFilter filter = new MemoryFilter(label("agent", r.agent()),
        label("session", r.session()), List.of(), null, null, null);
    return new ListSpec(filter, limit, r.cursor());
  }

  /** Checks a namespace name: 1..max bytes of ASCII letters, digits, {@code -} and {@code _}. */
  public String namespace(String ns) {
    if (ns == null || ns.isEmpty()) {
      throw MemoryException.invalid("namespace is empty");
    }
    int bytes = utf8(ns);
    if (bytes > limits.maxNamespaceLength()) {
      throw MemoryException.invalid(
          "namespace too long (" + bytes + " > " + limits.maxNamespaceLength() + " bytes)");
    }
    for (int i = 0; i < ns.length(); i++) {
      char c = ns.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_';
      if (!ok) {
        throw MemoryException.invalid(
            "namespace contains invalid characters (must be alphanumeric, -, _)");
      }
    }
    return ns;
  }

  private String content(String content) {
    if (content == null || content.isBlank()) {
      throw MemoryException.invalid("content is empty");
    }
    int bytes = utf8(content);
    if (bytes > limits.maxContentBytes()) {
      throw MemoryException.invalid(
          "content exceeds maximum size (" + bytes + " > " + limits.maxContentBytes()
              + " bytes)");
    }
    return content;
  }

  private List<String> tags(List<String> tags) {
    if (tags == null) {
      return List.of();
    }
    if (tags.size() > limits.maxTags()) {
      throw MemoryException.invalid(
          "too many tags (" + tags.size() + " > " + limits.maxTags() + ")");
    }
    List<String> out = new ArrayList<>(tags.size());
    for (String tag : tags) {
      if (tag == null || tag.isEmpty()) {
        throw MemoryException.invalid("tag is empty");
      }
      int bytes = utf8(tag);
      if (bytes > limits.maxTagLength()) {
        throw MemoryException.invalid(
            "tag too long (" + bytes + " > " + limits.maxTagLength() + " bytes)");
      }
      if (!out.contains(tag)) {
        out.add(tag);
      }
    }
    return out;
  }

  private List<String> filterTags(List<String> tags) {
    if (tags == null) {
      return List.of();
    }
    if (tags.stream().anyMatch(java.util.Objects::isNull)) {
      throw MemoryException.invalid("tag is empty");
    }
    return tags;
  }

  private static String label(String field, String value) {
    if (value == null) {
      return null;
    }
    if (value.isEmpty()) {
      throw MemoryException.invalid(field + " is empty");
    }
    int bytes = utf8(value);
    if (bytes > Limits.MAX_LABEL_BYTES) {
      throw MemoryException.invalid(
          field + " too long (" + bytes + " > " + Limits.MAX_LABEL_BYTES + " bytes)");
    }
    return value;
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
