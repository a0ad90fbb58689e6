package com.memoryoss.indexer;

import com.memoryoss.protocol.Memory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The order of memories within each session, so that a memory can be indexed together with its
 * neighbours: a turn like "Yes, every Sunday!" is only findable through the turn before it.
 * Every operation is O(1), however long a session grows (one session may hold a whole namespace).
 *
 * <p>Not thread-safe for writes: used by the index's single writer. Concurrent reads
 * ({@link #neighbours}, {@link #context}) are safe while nothing writes.
 */
final class SessionContext {
  /** A memory's place in its session: the previous and next memory (null at the ends). */
  private static final class Link {
    UUID prev;
    UUID next;
    final String session;

    Link(String session) {
      this.session = session;
    }
  }

  private final Map<UUID, Link> links = new HashMap<>();
  private final Map<String, UUID> lastOf = new HashMap<>();

  /** Appends a memory to its session; returns the neighbour whose context changed. */
  List<UUID> append(Memory m) {
    if (m.session() == null) {
      return List.of();
    }
    Link link = new Link(m.session());
    UUID last = lastOf.put(m.session(), m.id());
    links.put(m.id(), link);
    if (last == null) {
      return List.of();
    }
    link.prev = last;
    links.get(last).next = m.id();
    return List.of(last);
  }

  /** Removes a memory; returns its former neighbours (their context changed). */
  List<UUID> remove(Memory m) {
    Link link = links.remove(m.id());
    if (link == null) {
      return List.of();
    }
    List<UUID> neighbours = new ArrayList<>(2);
    if (link.prev != null) {
      links.get(link.prev).next = link.next;
      neighbours.add(link.prev);
    }
    if (link.next != null) {
      links.get(link.next).prev = link.prev;
      neighbours.add(link.next);
    } else if (link.prev != null) {
      lastOf.put(link.session, link.prev);
    } else {
      lastOf.remove(link.session);
    }
    return neighbours;
  }

  List<UUID> neighbours(UUID id) {
    Link link = links.get(id);
    if (link == null) {
      return List.of();
    }
    List<UUID> out = new ArrayList<>(2);
    if (link.prev != null) {
      out.add(link.prev);
    }
    if (link.next != null) {
      out.add(link.next);
    }
    return out;
  }

  /**
   * The text of a memory's previous and next memory in its session ("" if none); an archived
   * neighbour contributes nothing (its text must not surface through another memory).
   */
  String context(UUID id, Function<UUID, Memory> memories) {
    StringBuilder sb = new StringBuilder();
    for (UUID n : neighbours(id)) {
      Memory m = memories.apply(n);
      if (m != null && !m.archived()) {
        sb.append(sb.isEmpty() ? "" : "\n").append(m.content());
      }
    }
    return sb.toString();
  }

  void clear() {
    links.clear();
    lastOf.clear();
  }
}
