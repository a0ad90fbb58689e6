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
 *
 * <p>Not thread-safe: used by the index's single writer.
 */
final class SessionContext {
  private final Map<String, List<UUID>> bySession = new HashMap<>();
  private final Map<UUID, String> sessionOf = new HashMap<>();

  /** Appends a memory to its session; returns the neighbour whose context changed. */
  List<UUID> append(Memory m) {
    if (m.session() == null) {
      return List.of();
    }
    List<UUID> list = bySession.computeIfAbsent(m.session(), s -> new ArrayList<>());
    list.add(m.id());
    sessionOf.put(m.id(), m.session());
    return list.size() > 1 ? List.of(list.get(list.size() - 2)) : List.of();
  }

  /** Removes a memory; returns its former neighbours (their context changed). */
  List<UUID> remove(Memory m) {
    List<UUID> neighbours = neighbours(m.id());
    String session = sessionOf.remove(m.id());
    if (session != null) {
      List<UUID> list = bySession.get(session);
      list.remove(m.id());
      if (list.isEmpty()) {
        bySession.remove(session);
      }
    }
    return neighbours;
  }

  List<UUID> neighbours(UUID id) {
    String session = sessionOf.get(id);
    if (session == null) {
      return List.of();
    }
    List<UUID> list = bySession.get(session);
    int i = list.indexOf(id);
    List<UUID> out = new ArrayList<>(2);
    if (i > 0) {
      out.add(list.get(i - 1));
    }
    if (i >= 0 && i + 1 < list.size()) {
      out.add(list.get(i + 1));
    }
    return out;
  }

  /** The text of a memory's previous and next memory in its session ("" if none). */
  String context(UUID id, Function<UUID, Memory> memories) {
    StringBuilder sb = new StringBuilder();
    for (UUID n : neighbours(id)) {
      Memory m = memories.apply(n);
      if (m != null) {
        sb.append(sb.isEmpty() ? "" : "\n").append(m.content());
      }
    }
    return sb.toString();
  }

  void clear() {
    bySession.clear();
    sessionOf.clear();
  }
}
