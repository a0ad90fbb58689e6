package com.memoryoss.shard;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.memoryoss.protocol.CborSerializable;
import com.memoryoss.protocol.Embedding;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.NamespaceEvent;
import com.memoryoss.protocol.NamespaceEvent.MemoryEmbedded;
import com.memoryoss.protocol.NamespaceEvent.MemoryForgotten;
import com.memoryoss.protocol.NamespaceEvent.MemoryRevised;
import com.memoryoss.protocol.NamespaceEvent.MemoryStored;
import com.memoryoss.protocol.NamespaceEvent.MemoryUpdated;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedCollection;
import java.util.UUID;

/**
 * The memories of one namespace, in the order they were stored, with an index by content hash for
 * duplicate detection.
 *
 * <p>Encapsulated mutable state: {@link #apply} changes this instance and returns it, which keeps
 * an event O(1) for namespaces of any size. Only the entity's event handler calls it; readers get
 * unmodifiable views or copies.
 */
public final class NamespaceState implements CborSerializable {
  private final LinkedHashMap<UUID, Memory> memories = new LinkedHashMap<>();
  private final Map<String, UUID> byHash = new HashMap<>();
  private final Map<UUID, Embedding> embeddings = new HashMap<>();
  private String embeddingModel;

  public NamespaceState() {}

  @JsonCreator
  public NamespaceState(
      @JsonProperty("memories") List<Memory> memories,
      @JsonProperty("embeddings") Map<UUID, Embedding> embeddings,
      @JsonProperty("embedding_model") String embeddingModel) {
    if (memories != null) {
      memories.forEach(this::put);
    }
    if (embeddings != null) {
      embeddings.forEach((id, e) -> {
        if (this.memories.containsKey(id)) {
          this.embeddings.put(id, e);
        }
      });
    }
    this.embeddingModel = embeddingModel;
  }

  /** Each memory's current embedding (at most one per memory), for serialization. */
  @JsonProperty("embeddings")
  public Map<UUID, Embedding> embeddings() {
    return Collections.unmodifiableMap(embeddings);
  }

  /**
   * The model of this namespace's vectors: the model of the latest embedding. Memories whose
   * embedding is of another model (or missing) have no vector until they are embedded again.
   */
  @JsonProperty("embedding_model")
  public String embeddingModel() {
    return embeddingModel;
  }

  /** A memory's embedding, if it has one of the namespace's model. */
  public Embedding embedding(UUID id) {
    Embedding e = embeddings.get(id);
    return e != null && e.model().equals(embeddingModel) ? e : null;
  }

  /** All memories, oldest first (for serialization and export). */
  @JsonProperty("memories")
  public List<Memory> memoryList() {
    return new ArrayList<>(memories.values());
  }

  public Memory get(UUID id) {
    return memories.get(id);
  }

  public int size() {
    return memories.size();
  }

  /** Oldest first, read-only. */
  public Collection<Memory> all() {
    return Collections.unmodifiableCollection(memories.values());
  }

  /** Newest first, read-only. */
  public SequencedCollection<Memory> newestFirst() {
    return Collections.unmodifiableSequencedCollection(memories.sequencedValues().reversed());
  }

  /** The id of the memory with exactly this content, if any. */
  public UUID duplicateOf(String contentHash) {
    return byHash.get(contentHash);
  }

  /** Applies one event. Pure apart from mutating this state: no I/O, no clock. */
  public NamespaceState apply(NamespaceEvent event) {
    switch (event) {
      case MemoryStored s -> put(s.memory());
      case MemoryUpdated u -> update(u);
      case MemoryEmbedded e -> embed(e);
      case MemoryRevised r -> {
        Memory before = memories.get(r.memoryId());
        if (before != null) {
          if (!java.util.Objects.equals(before.contentHash(), r.memory().contentHash())) {
            embeddings.remove(r.memoryId());
          }
          put(r.memory());
        }
      }
      case MemoryForgotten f -> remove(f.memoryId());
    }
    return this;
  }

  private void put(Memory m) {
    Memory previous = memories.put(m.id(), m);
    if (previous != null && previous.contentHash() != null) {
      byHash.remove(previous.contentHash(), previous.id());
    }
    if (m.contentHash() != null) {
      byHash.put(m.contentHash(), m.id());
    }
  }

  private void embed(MemoryEmbedded e) {
    if (memories.containsKey(e.memoryId())) {
      embeddings.put(e.memoryId(), e.embedding());
      embeddingModel = e.embedding().model();
    }
  }

  private void update(MemoryUpdated u) {
    Memory m = memories.get(u.memoryId());
    if (m == null) {
      return;
    }
    if (u.content() != null) {
      embeddings.remove(u.memoryId()); // stale: the new content gets embedded anew
    }
    String content = u.content() != null ? u.content() : m.content();
    String hash = u.content() != null ? u.contentHash() : m.contentHash();
    List<String> tags = u.tags() != null ? u.tags() : m.tags();
    var type = u.memoryType() != null ? u.memoryType() : m.memoryType();
    // Replacing keeps the insertion position of the key in a LinkedHashMap.
    put(m.revised(content, hash, tags, type, u.at()));
  }

  private void remove(UUID id) {
    embeddings.remove(id);
    Memory m = memories.remove(id);
    if (m != null && m.contentHash() != null) {
      byHash.remove(m.contentHash(), id);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NamespaceState other && memoryList().equals(other.memoryList())
        && embeddings.equals(other.embeddings)
        && java.util.Objects.equals(embeddingModel, other.embeddingModel);
  }

  @Override
  public int hashCode() {
    return memories.hashCode();
  }
}
