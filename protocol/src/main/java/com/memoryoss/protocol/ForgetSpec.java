package com.memoryoss.protocol;

import java.util.List;
import java.util.UUID;

/**
 * What to forget: explicit ids, or every memory matching a non-empty filter. A spec with neither
 * is refused before it reaches a namespace: forgetting never means "everything".
 */
public record ForgetSpec(List<UUID> ids, MemoryFilter filter) implements CborSerializable {

  public ForgetSpec {
    ids = ids == null ? List.of() : List.copyOf(ids);
    filter = filter == null ? MemoryFilter.NONE : filter;
  }

  public boolean byIds() {
    return !ids.isEmpty();
  }
}
