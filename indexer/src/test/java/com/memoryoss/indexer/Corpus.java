package com.memoryoss.indexer;

import com.memoryoss.protocol.Embedding;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryFilter;
import com.memoryoss.protocol.MemoryStatus;
import com.memoryoss.protocol.MemoryType;
import com.memoryoss.protocol.RecallQuery;
import com.memoryoss.protocol.RecallWeights;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hand-made corpora for recall tests: memories with deterministic ids ({@code id(n)}) and times
 * relative to a fixed {@link #NOW}, an index to put them in, and the recall stack over it.
 */
final class Corpus implements AutoCloseable {
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  static final String NS = "test-ns";

  final NamespaceIndex index;
  final TestEmbedder embedder;
  final TrustScorer trust = new TrustScorer(0.3);
  final FusionRanker ranker;
  final Recaller recaller;

  private Corpus(TestEmbedder embedder) {
    this.embedder = embedder;
    this.index = embedder == null ? new NamespaceIndex(null, null)
        : new NamespaceIndex(embedder, new ScanVectorIndex(embedder.dimensions()));
    this.ranker =
        new FusionRanker(RecallSettings.DEFAULTS, trust, new QueryEmbeddingCache(100, 3600));
    this.recaller = new Recaller(ranker, trust);
  }

  /** BM25 and identifiers only (no embedder). */
  static Corpus lexical() {
    return new Corpus(null);
  }

  /** All three channels, with the hashing test embedder. */
  static Corpus dense() {
    return new Corpus(new TestEmbedder());
  }

  static Corpus dense(Map<String, String> synonyms) {
    return new Corpus(new TestEmbedder(synonyms));
  }

  static UUID id(long n) {
    return new UUID(0L, n);
  }

  static M mem(long n, String content) {
    return new M(id(n), content);
  }

  /** Puts memories, in order, as one batch of ops. */
  Corpus put(Memory... memories) {
    List<IndexOp> ops = new ArrayList<>();
    for (Memory m : memories) {
      ops.add(new IndexOp.Put(m, null));
    }
    index.apply(ops);
    return this;
  }

  Corpus put(M... memories) {
    return put(Arrays.stream(memories).map(M::build).toArray(Memory[]::new));
  }

  Corpus remove(long n) {
    index.apply(List.of(new IndexOp.Remove(id(n))));
    return this;
  }

  List<Ranked> rank(RecallQuery q) {
    return ranker.rank(q, index, NOW, 200);
  }

  List<Ranked> rank(String query) {
    return rank(query(query));
  }

  /** Ids of the ranking, best first. */
  List<UUID> ids(String query) {
    return rank(query).stream().map(r -> r.memory().id()).toList();
  }

  static RecallQuery query(String text) {
    return RecallQuery.of(text, 10, MemoryFilter.NONE);
  }

  static RecallQuery query(String text, MemoryFilter filter) {
    return RecallQuery.of(text, 10, filter);
  }

  /** A query with every optional knob. */
  static RecallQuery query(String text, int limit, RecallWeights weights, String cursor,
      double minScore, double minChannelScore, double diversity) {
    return new RecallQuery(text, limit, MemoryFilter.NONE, weights, true, cursor, minScore,
        minChannelScore, diversity, null, false);
  }

  static MemoryFilter agent(String agent) {
    return new MemoryFilter(agent, null, null, null, null, null);
  }

  static MemoryFilter session(String session) {
    return new MemoryFilter(null, session, null, null, null, null);
  }

  static MemoryFilter tags(String... tags) {
    return new MemoryFilter(null, null, List.of(tags), null, null, null);
  }

  static MemoryFilter type(MemoryType type) {
    return new MemoryFilter(null, null, null, type, null, null);
  }

  static MemoryFilter between(Instant after, Instant before) {
    return new MemoryFilter(null, null, null, null, before, after);
  }

  static Memory archived(Memory m) {
    Memory.Builder b = m.toBuilder();
    b.archived = true;
    return b.build();
  }

  static Embedding embedding(String model, float[] v) {
    return new Embedding(model, v);
  }

  @Override
  public void close() {
    index.close();
  }

  /** A memory under construction; defaults: active semantic, no agent/session/tags, at NOW. */
  static final class M {
    private final UUID id;
    private final String content;
    private List<String> tags = List.of();
    private String agent;
    private String session;
    private MemoryType type = MemoryType.SEMANTIC;
    private MemoryStatus status = MemoryStatus.ACTIVE;
    private Instant at = NOW;

    M(UUID id, String content) {
      this.id = id;
      this.content = content;
    }

    M tags(String... t) {
      tags = List.of(t);
      return this;
    }

    M agent(String a) {
      agent = a;
      return this;
    }

    M session(String s) {
      session = s;
      return this;
    }

    M type(MemoryType t) {
      type = t;
      return this;
    }

    M status(MemoryStatus s) {
      status = s;
      return this;
    }

    M at(Instant t) {
      at = t;
      return this;
    }

    M ago(Duration d) {
      at = NOW.minus(d);
      return this;
    }

    Memory build() {
      return Memory.created(id, NS, content, Integer.toHexString(content.hashCode()), tags, agent,
          session, type, status, null, null, at);
    }
  }
}
