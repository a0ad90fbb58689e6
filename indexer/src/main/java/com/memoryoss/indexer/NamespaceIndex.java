package com.memoryoss.indexer;

import com.memoryoss.indexer.embed.Embedder;
import com.memoryoss.indexer.vector.VectorIndex;
import com.memoryoss.protocol.Embedding;
import com.memoryoss.protocol.Memory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything searchable about one namespace, in memory only: the indexed memories themselves, a
 * BM25 index over content, tags and session context, an identifier index, and (with an embedder)
 * a vector index. It is the namespace's read model: recalls run against it from any thread while
 * one writer applies {@link IndexOp}s in journal order.
 *
 * <p>Threading: {@link #apply} must be called by one thread at a time (the namespace's indexing
 * stage); every other method may be called concurrently from any thread.
 */
public final class NamespaceIndex implements AutoCloseable {
  private final ConcurrentHashMap<UUID, Memory> memories = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Integer> agents = new ConcurrentHashMap<>();
  private final TextIndex text = new TextIndex();
  private final VectorIndex vectors;
  private final Embedder embedder;
  private final SessionContext sessions = new SessionContext();
  private final java.util.concurrent.atomic.AtomicLong embedded = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong queued = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong indexed = new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean closed;
  private final NamespaceTrust trust;

  /**
   * @param embedder the namespace's model, or {@code null} for lexical recall only
   * @param vectors where vectors go ({@code null} exactly when {@code embedder} is)
   */
  public NamespaceIndex(Embedder embedder, VectorIndex vectors) {
    if ((embedder == null) != (vectors == null)) {
      throw new IllegalArgumentException("an embedder needs a vector index and vice versa");
    }
    this.embedder = embedder;
    this.vectors = vectors;
    this.trust = new NamespaceTrust(embedder == null ? 0 : embedder.dimensions());
  }

  /**
   * A new embedding computed while applying ops, to be persisted by the caller: of the memory's
   * content at {@code version} (persist it only if the memory is still at that version).
   */
  public record NewEmbedding(UUID id, long version, Embedding embedding) {}

  /**
   * Applies ops in order, embedding memories that have no current vector.
   *
   * @return the embeddings computed (never for memories removed by a later op of the batch)
   */
  public List<NewEmbedding> apply(List<IndexOp> ops) {
    Map<UUID, Memory> toEmbed = new HashMap<>();
    for (IndexOp op : ops) {
      switch (op) {
        case IndexOp.Put p -> put(p, toEmbed);
        case IndexOp.Remove r -> {
          remove(r.id());
          toEmbed.remove(r.id());
        }
        case IndexOp.Reset r -> reset(r, toEmbed);
      }
    }
    List<NewEmbedding> made = embed(toEmbed.values());
    trust.publish();
    return made;
  }

  private void put(IndexOp.Put p, Map<UUID, Memory> toEmbed) {
    Memory m = p.memory();
    float[] before = vectors == null ? null : vectors.vector(m.id());
    Memory previous = memories.put(m.id(), m);
    trust.memoryChanged(previous, m);
    if (previous != null && previous.agent() != null) {
      agents.computeIfPresent(previous.agent(), (a, n) -> n <= 1 ? null : n - 1);
    }
    if (m.agent() != null) {
      agents.merge(m.agent(), 1, Integer::sum);
    }
    boolean contentChanged = previous == null || !previous.content().equals(m.content());
    List<UUID> touched = previous == null ? sessions.append(m) : List.of();
    if (previous == null) {
      text.add(m, sessions.context(m.id(), memories::get));
    } else if (!sameIndexedText(previous, m)) {
      // Lifecycle-only changes (an injection counted, a confirmation) keep the indexed text:
      // skipping the rewrite spares the next recall a searcher refresh.
      text.upsert(m, sessions.context(m.id(), memories::get));
      if (contentChanged || previous.archived() != m.archived()) {
        touched = sessions.neighbours(m.id()); // their context holds this memory's text
      }
    }
    reindex(touched);
    if (vectors != null) {
      float[] current = before;
      if (p.embedding() != null && p.embedding().model().equals(embedder.modelId())) {
        if (current == null || contentChanged) { // same content, same model: same vector
          vectors.upsert(m.id(), p.embedding().vector());
        }
      } else if (contentChanged || current == null) {
        vectors.remove(m.id());
        toEmbed.put(m.id(), m);
      }
      float[] after = vectors.vector(m.id());
      trust.vectorChanged(previous != null && !previous.archived() ? before : null,
          !m.archived() ? after : null);
    }
  }

  /** Whether the text index holds the same document for both versions of a memory. */
  private static boolean sameIndexedText(Memory a, Memory b) {
    return a.content().equals(b.content()) && a.tags().equals(b.tags())
        && java.util.Objects.equals(a.agent(), b.agent())
        && java.util.Objects.equals(a.session(), b.session())
        && a.memoryType() == b.memoryType() && a.archived() == b.archived()
        && a.createdAt().equals(b.createdAt());
  }

  private void remove(UUID id) {
    Memory m = memories.remove(id);
    if (m == null) {
      return;
    }
    trust.memoryChanged(m, null);
    if (vectors != null && !m.archived()) {
      trust.vectorChanged(vectors.vector(id), null);
    }
    if (m.agent() != null) {
      agents.computeIfPresent(m.agent(), (a, n) -> n <= 1 ? null : n - 1);
    }
    List<UUID> neighbours = sessions.remove(m);
    text.remove(id);
    if (vectors != null) {
      vectors.remove(id);
    }
    reindex(neighbours);
  }

  private void reset(IndexOp.Reset r, Map<UUID, Memory> toEmbed) {
    for (UUID id : List.copyOf(memories.keySet())) {
      if (vectors != null) {
        vectors.remove(id);
      }
    }
    memories.clear();
    agents.clear();
    sessions.clear();
    text.clear();
    toEmbed.clear();
    trust.clear();
    for (Memory m : r.memories()) {
      memories.put(m.id(), m);
      trust.memoryChanged(null, m);
      if (m.agent() != null) {
        agents.merge(m.agent(), 1, Integer::sum);
      }
      sessions.append(m);
    }
    // The text index first, from both cores (the writer takes concurrent adds; the maps are only
    // read here): vectors after, so the background graph build of a large namespace does not
    // compete with it. A restart's first recall waits for all of this.
    r.memories().parallelStream().forEach(m ->
        text.add(m, sessions.context(m.id(), memories::get)));
    for (Memory m : r.memories()) {
      if (vectors != null) {
        Embedding e = r.embeddings().get(m.id());
        if (e != null && e.model().equals(embedder.modelId())) {
          vectors.upsert(m.id(), e.vector());
          if (!m.archived()) {
            trust.vectorChanged(null, vectors.vector(m.id()));
          }
        } else {
          toEmbed.put(m.id(), m);
        }
      }
    }
  }

  private void reindex(List<UUID> ids) {
    for (UUID id : ids) {
      Memory n = memories.get(id);
      if (n != null) {
        text.upsert(n, sessions.context(id, memories::get));
      }
    }
  }

  private static final int EMBED_CHUNK = 64;

  private List<NewEmbedding> embed(Collection<Memory> pending) {
    if (embedder == null || pending.isEmpty()) {
      return List.of();
    }
    List<Memory> list = new ArrayList<>(pending);
    List<NewEmbedding> out = new ArrayList<>(list.size());
    for (int from = 0; from < list.size(); from += EMBED_CHUNK) {
      List<Memory> chunk = list.subList(from, Math.min(list.size(), from + EMBED_CHUNK));
      float[][] v = embedder.embedPassages(chunk.stream().map(Memory::content).toList());
      for (int i = 0; i < chunk.size(); i++) {
        UUID id = chunk.get(i).id();
        // A later op of this batch may have changed or removed it meanwhile: only current ones.
        if (memories.get(id) == chunk.get(i)) {
          vectors.upsert(id, v[i]);
          if (!chunk.get(i).archived()) {
            trust.vectorChanged(null, vectors.vector(id));
          }
          embedded.incrementAndGet();
          out.add(new NewEmbedding(id, chunk.get(i).version(),
              new Embedding(embedder.modelId(), v[i])));
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ reads

  /** Memories embedded by this index so far (progress of a re-embedding). */
  public long embeddedCount() {
    return embedded.get();
  }

  /** The nearest memories of each text, by meaning (empty lists without an embedder). */
  public List<List<com.memoryoss.indexer.vector.VectorHit>> nearest(List<String> texts, int k) {
    List<List<com.memoryoss.indexer.vector.VectorHit>> out = new ArrayList<>(texts.size());
    if (embedder == null || texts.isEmpty()) {
      texts.forEach(t -> out.add(List.of()));
      return out;
    }
    float[][] v = embedder.embedPassages(texts);
    for (float[] q : v) {
      out.add(vectors.search(q, k, id -> {
        Memory m = memories.get(id);
        return m != null && !m.archived();
      }));
    }
    return out;
  }

  /**
   * Groups of memories whose vectors are at least {@code threshold} similar (single linkage over
   * each memory's nearest neighbours), largest first; at most {@code max} groups.
   */
  public List<List<UUID>> clusters(double threshold, int max, java.util.function.Predicate<UUID>
      eligible) {
    if (vectors == null) {
      return List.of();
    }
    Map<UUID, UUID> parent = new HashMap<>();
    for (UUID id : memories.keySet()) {
      float[] v = vectors.vector(id);
      if (v == null || !eligible.test(id)) {
        continue;
      }
      for (var hit : vectors.search(v, 8, eligible)) {
        if (!hit.id().equals(id) && hit.similarity() >= threshold) {
          union(parent, id, hit.id());
        }
      }
    }
    Map<UUID, List<UUID>> groups = new HashMap<>();
    for (UUID id : parent.keySet()) {
      groups.computeIfAbsent(find(parent, id), r -> new ArrayList<>()).add(id);
    }
    return groups.values().stream().filter(g -> g.size() > 1)
        .sorted((a, b) -> Integer.compare(b.size(), a.size())).limit(max).toList();
  }

  private static void union(Map<UUID, UUID> parent, UUID a, UUID b) {
    parent.putIfAbsent(a, a);
    parent.putIfAbsent(b, b);
    UUID ra = find(parent, a);
    UUID rb = find(parent, b);
    if (!ra.equals(rb)) {
      parent.put(ra, rb);
    }
  }

  private static UUID find(Map<UUID, UUID> parent, UUID x) {
    UUID r = x;
    while (!parent.get(r).equals(r)) {
      r = parent.get(r);
    }
    parent.put(x, r);
    return r;
  }

  public Memory memory(UUID id) {
    return memories.get(id);
  }

  /**
   * What this namespace says about a memory's trust (its source's record, its embedding's fit);
   * neutral for parts it has no evidence for. Cheap: one lookup and one dot product.
   */
  public com.memoryoss.protocol.TrustEvidence trustEvidence(Memory m) {
    return trust.evidence(m, vectors);
  }

  /** The namespace's trust bookkeeping (per-source records for operator views). */
  public NamespaceTrust trust() {
    return trust;
  }

  public int size() {
    return memories.size();
  }

  public TextIndex text() {
    return text;
  }

  /** The vector index, or {@code null} when recall is lexical only. */
  public VectorIndex vectors() {
    return vectors;
  }

  /** The namespace's embedder, or {@code null}. */
  public Embedder embedder() {
    return embedder;
  }

  /** Agents that have memories here. */
  public Set<String> agents() {
    return agents.keySet();
  }

  /**
   * Bookkeeping of whoever feeds this index, so a node can sum the lag of all its namespaces:
   * {@code queued} writes accepted for indexing, {@code indexed} of them applied.
   */
  public void noteQueued(long writes) {
    queued.addAndGet(writes);
  }

  /** See {@link #noteQueued}. */
  public void noteIndexed(long writes) {
    indexed.addAndGet(writes);
  }

  /** Writes accepted for indexing and not yet applied, as reported by the feeder. */
  public long lag() {
    return Math.max(0, queued.get() - indexed.get());
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    text.close();
    if (vectors != null) {
      vectors.close();
    }
  }
}
