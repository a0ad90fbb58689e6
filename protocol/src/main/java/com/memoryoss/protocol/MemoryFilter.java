package com.memoryoss.protocol;

import java.time.Instant;
import java.util.List;

/**
 * Metadata filter shared by recall, list and forget. Every non-null component must match;
 * {@code tags} matches a memory carrying any of them; {@code before}/{@code after} are exclusive
 * bounds on {@code created_at}.
 */
public record MemoryFilter(
    String agent,
    String session,
    List<String> tags,
    MemoryType memoryType,
    Instant before,
    Instant after)
    implements CborSerializable {

  public static final MemoryFilter NONE = new MemoryFilter(null, null, List.of(), null, null, null);

  public MemoryFilter {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** True when no component restricts anything. */
  public boolean isEmpty() {
    return agent == null && session == null && tags.isEmpty() && memoryType == null
        && before == null && after == null;
  }

  public boolean matches(Memory m) {
    if (agent != null && !agent.equals(m.agent())) {
      return false;
    }
    if (session != null && !session.equals(m.session())) {
      return false;
    }
    if (memoryType != null && memoryType != m.memoryType()) {
      return false;
    }
    if (before != null && !m.createdAt().isBefore(before)) {
      return false;
    }
    if (after != null && !m.createdAt().isAfter(after)) {
      return false;
    }
    if (!tags.isEmpty()) {
      for (String t : m.tags()) {
        if (tags.contains(t)) {
          return true;
        }
      }
      return false;
    }
    return true;
  }
}
