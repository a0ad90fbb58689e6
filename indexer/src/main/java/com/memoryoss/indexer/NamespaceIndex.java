package com.memoryoss.indexer;

import com.memoryoss.protocol.Memory;
import java.util.Collection;
import java.util.UUID;

/**
 * Everything searchable about one namespace, in memory only. Owned by that namespace's entity;
 * rebuilt from its state on recovery.
 *
 * <p>Thread-safety: updates and reads may run concurrently.
 */
public final class NamespaceIndex implements AutoCloseable {
  private final TextIndex text = new TextIndex();
  private volatile long indexed;

  public TextIndex text() {
    return text;
  }

  public void upsert(Memory m) {
    text.upsert(m);
    indexed++;
  }

  /** Indexes a memory that is not indexed yet. */
  public void add(Memory m) {
    text.add(m);
    indexed++;
  }

  public void remove(UUID id) {
    text.remove(id);
  }

  /** Replaces the whole content with these memories. */
  public void rebuild(Collection<Memory> memories) {
    text.clear();
    for (Memory m : memories) {
      text.add(m);
    }
    indexed = memories.size();
  }

  /** Writes applied since creation (a monotonic counter, for lag reporting). */
  public long applied() {
    return indexed;
  }

  @Override
  public void close() {
    text.close();
  }
}
