package com.memoryoss.protocol;

import java.util.List;
import java.util.UUID;

/**
 * A validated request to store one memory. Validation (sizes, tag rules) happens before a spec is
 * built; the namespace entity only checks what needs its state (duplicates).
 *
 * @param status {@code active} for manual stores; extraction stores {@code candidate}s
 * @param confidence {@code null} for manual memories (full confidence)
 * @param sourceKey opaque provenance, e.g. the key id of the writer
 * @param id the new memory's id, chosen by the sender so that a retried store is recognised and
 *     answered with the same receipt instead of being stored twice; {@code null} lets the
 *     namespace choose
 */
public record StoreSpec(
    String content,
    List<String> tags,
    String agent,
    String session,
    MemoryType memoryType,
    MemoryStatus status,
    Double confidence,
    String sourceKey,
    UUID id)
    implements CborSerializable {

  public StoreSpec(String content, List<String> tags, String agent, String session,
      MemoryType memoryType, MemoryStatus status, Double confidence, String sourceKey) {
    this(content, tags, agent, session, memoryType, status, confidence, sourceKey, null);
  }

  /** This spec with the id the new memory will have. */
  public StoreSpec withId(UUID newId) {
    return new StoreSpec(content, tags, agent, session, memoryType, status, confidence, sourceKey,
        newId);
  }

  public StoreSpec {
    tags = tags == null ? List.of() : List.copyOf(tags);
    memoryType = memoryType == null ? MemoryType.SEMANTIC : memoryType;
    status = status == null ? MemoryStatus.ACTIVE : status;
  }
}
