package com.memoryoss.protocol;

import java.util.List;

/**
 * A validated request to store one memory. Validation (sizes, tag rules) happens before a spec is
 * built; the namespace entity only checks what needs its state (duplicates).
 *
 * @param status {@code active} for manual stores; extraction stores {@code candidate}s
 * @param confidence {@code null} for manual memories (full confidence)
 * @param sourceKey opaque provenance, e.g. the key id of the writer
 */
public record StoreSpec(
    String content,
    List<String> tags,
    String agent,
    String session,
    MemoryType memoryType,
    MemoryStatus status,
    Double confidence,
    String sourceKey)
    implements CborSerializable {

  public StoreSpec {
    tags = tags == null ? List.of() : List.copyOf(tags);
    memoryType = memoryType == null ? MemoryType.SEMANTIC : memoryType;
    status = status == null ? MemoryStatus.ACTIVE : status;
  }
}
