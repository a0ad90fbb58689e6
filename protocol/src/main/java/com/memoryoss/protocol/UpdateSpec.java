package com.memoryoss.protocol;

import java.util.List;
import java.util.UUID;

/** A validated partial update; {@code null} components stay as they are. Tags replace. */
public record UpdateSpec(UUID id, String content, List<String> tags, MemoryType memoryType)
    implements CborSerializable {

  public UpdateSpec {
    tags = tags == null ? null : List.copyOf(tags);
  }

  public boolean changesNothing() {
    return content == null && tags == null && memoryType == null;
  }
}
