package com.memoryoss.protocol.api;

import com.memoryoss.protocol.MemoryException;
import com.memoryoss.protocol.FactSpec;
import com.memoryoss.protocol.FeedbackAction;
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
import java.util.UUID;

/**
 * The one place requests are validated: turns API requests into the specs and command arguments
 * of the wire protocol, or throws {@link MemoryException} with the original's messages ({@code
 * content is empty}, {@code too many tags (51 > 50)}, ...). Every text that reaches a namespace
 * passes {@link WellFormedText} (well-formed Unicode: no lone surrogates, no non-characters), so no content
 * can fail an entity or its journal. Pure and thread-safe.
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
    WellFormedText.check("query", r.query());
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

  /** A batch of 1..{@value Limits#MAX_BATCH_RECALL} recalls; errors name the failing query. */
  public List<RecallQuery> recallBatch(RecallBatchRequest r, double defaultMinScore) {
    if (r == null || r.queries() == null || r.queries().isEmpty()) {
      throw MemoryException.invalid("queries array must not be empty");
    }
    if (r.queries().size() > Limits.MAX_BATCH_RECALL) {
      throw MemoryException.invalid(
          "batch recall limited to " + Limits.MAX_BATCH_RECALL + " queries");
    }
    List<RecallQuery> queries = new ArrayList<>(r.queries().size());
    for (int i = 0; i < r.queries().size(); i++) {
      try {
        queries.add(recall(r.queries().get(i), defaultMinScore));
      } catch (MemoryException e) {
        throw MemoryException.invalid("queries[" + i + "]: " + e.getMessage());
      }
    }
    return queries;
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
    List<UUID> ids = new ArrayList<>(r.ids() == null ? List.of() : r.ids());
    if (ids.stream().anyMatch(java.util.Objects::isNull)) {
      throw MemoryException.invalid("ids must not contain null");
    }
    if (r.id() != null && !ids.contains(r.id())) {
      // The original's alias for one id; it only ever names memories, never "everything".
      ids.add(r.id());
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

  /** A confirm, reject or supersede of one memory. */
  public record Feedback(UUID id, FeedbackAction action, UUID supersededBy) {}

  public Feedback feedback(FeedbackRequest r) {
    if (r == null || r.id() == null) {
      throw MemoryException.invalid("id is required");
    }
    FeedbackAction action = FeedbackAction.parse(r.action()).orElseThrow(
        () -> MemoryException.invalid("action must be confirm, reject or supersede"));
    if (r.supersededBy() != null && action != FeedbackAction.SUPERSEDE) {
      throw MemoryException.invalid("superseded_by is only for action supersede");
    }
    if (r.supersededBy() != null && r.supersededBy().equals(r.id())) {
      throw MemoryException.invalid("a memory cannot supersede itself");
    }
    return new Feedback(r.id(), action, r.supersededBy());
  }

  /** Consolidation arguments: similarity threshold, most clusters, dry run. */
  public record Consolidation(double threshold, int maxClusters, boolean dryRun) {}

  public Consolidation consolidate(ConsolidateRequest r) {
    double threshold = r == null || r.threshold() == null ? 0.9 : r.threshold();
    if (Double.isNaN(threshold) || threshold < 0 || threshold > 1) {
      throw MemoryException.invalid("threshold must be between 0.0 and 1.0");
    }
    int max = r == null || r.maxClusters() == null ? 50 : r.maxClusters();
    if (max < 1 || max > 10_000) {
      throw MemoryException.invalid("max_clusters must be between 1 and 10000");
    }
    return new Consolidation(threshold, max, r != null && Boolean.TRUE.equals(r.dryRun()));
  }

  /** Decay arguments: {@code afterDays} null means the configured default. */
  public record Decay(Integer afterDays, boolean dryRun) {}

  public Decay decay(DecayRequest r) {
    Integer afterDays = r == null ? null : r.afterDays();
    if (afterDays != null && (afterDays < 0 || afterDays > 36_500)) {
      throw MemoryException.invalid("after_days must be between 0 and 36500");
    }
    return new Decay(afterDays, r != null && Boolean.TRUE.equals(r.dryRun()));
  }

  /** Ids of memories the proxy injected: 1 to 1000, none null. */
  public List<UUID> injections(List<UUID> ids) {
    if (ids == null || ids.isEmpty() || ids.size() > 1000) {
      throw MemoryException.invalid("ids must hold 1 to 1000 memory ids");
    }
    if (ids.stream().anyMatch(java.util.Objects::isNull)) {
      throw MemoryException.invalid("ids must not contain null");
    }
    return List.copyOf(ids);
  }

  /** Facts from extraction: 1..100, each a valid content with valid tags. */
  public List<FactSpec> facts(List<FactSpec> facts, String source, String evidenceId) {
    if (facts == null || facts.isEmpty()) {
      throw MemoryException.invalid("facts must not be empty");
    }
    if (facts.size() > 100) {
      throw MemoryException.invalid("too many facts (" + facts.size() + " > 100)");
    }
    label("source", source);
    label("evidence_id", evidenceId);
    List<FactSpec> out = new ArrayList<>(facts.size());
    for (int i = 0; i < facts.size(); i++) {
      FactSpec f = facts.get(i);
      try {
        if (f == null) {
          throw MemoryException.invalid("fact is null");
        }
        out.add(new FactSpec(content(f.content()), tags(f.tags())));
      } catch (MemoryException e) {
        throw MemoryException.invalid("facts[" + i + "]: " + e.getMessage());
      }
    }
    return out;
  }

  /** A re-embedding target: a non-empty model name. */
  public String model(String model) {
    if (model == null || model.isBlank()) {
      throw MemoryException.invalid("model is required");
    }
    return label("model", model);
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
    WellFormedText.check("content", content);
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
      WellFormedText.check("tags", tag);
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
    for (String tag : tags) {
      if (tag == null) {
        throw MemoryException.invalid("tag is empty");
      }
      WellFormedText.check("tags", tag);
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
    WellFormedText.check(field, value);
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
