package com.memoryoss.protocol;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What happened to a namespace, in journal order. Every event concerns one memory; the journal
 * stores each event encrypted under that memory's own key, so forgetting a memory (deleting its
 * key) makes every event about it unreadable.
 *
 * <p>Frozen: class names and component names are in the journal. Change them only through a
 * Jackson migration with a test that replays the old payload.
 */
public sealed interface NamespaceEvent extends CborSerializable {

  UUID memoryId();

  /** A memory was stored, complete with its content hash and timestamps. */
  record MemoryStored(Memory memory) implements NamespaceEvent {
    @Override
    public UUID memoryId() {
      return memory.id();
    }
  }

  /**
   * A memory was revised. {@code null} components did not change; the version goes up by one.
   */
  record MemoryUpdated(
      UUID memoryId,
      String content,
      String contentHash,
      List<String> tags,
      MemoryType memoryType,
      Instant at)
      implements NamespaceEvent {}

  /**
   * A memory's content was embedded. Persisted so that recovery never re-embeds; superseded by a
   * later embedding of the same memory (after an update or a model migration).
   */
  record MemoryEmbedded(UUID memoryId, Embedding embedding, Instant at)
      implements NamespaceEvent {}

  /**
   * A memory's lifecycle changed (reinforced, confirmed, rejected, superseded, archived by a
   * consolidation): {@code memory} is the whole record afterwards, {@code reason} says why.
   */
  record MemoryRevised(Memory memory, String reason) implements NamespaceEvent {
    @Override
    public UUID memoryId() {
      return memory.id();
    }
  }

  /** A memory was forgotten by {@code by} (a key id). */
  record MemoryForgotten(UUID memoryId, String by, Instant at) implements NamespaceEvent {}
}
