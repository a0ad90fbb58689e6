package com.memoryoss.protocol.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reply of {@code GET /v1/export}: every non-archived memory of the namespace, no embeddings. */
public record ExportResponse(
    RuntimeContract runtimeContract,
    String namespace,
    Instant exportedAt,
    int count,
    List<ExportedMemory> memories) {

  /** The runtime contract this export follows. */
  public record RuntimeContract(
      String contractId,
      String version,
      String documentRoute,
      List<String> stableSemantics,
      List<String> experimentalLayersExcluded) {

    public static final RuntimeContract CURRENT =
        new RuntimeContract(
            "memoryoss.runtime.v1alpha1",
            "2026-03-13",
            "/v1/runtime/contract",
            List.of("store", "recall", "update", "forget", "export", "lifecycle_status",
                "provenance", "namespace_isolation"),
            List.of("embeddings", "trust_fabric", "primitive_algebra"));
  }

  /** One exported memory. */
  public record ExportedMemory(
      UUID id,
      String content,
      List<String> tags,
      String agent,
      String session,
      String namespace,
      com.memoryoss.protocol.MemoryType memoryType,
      com.memoryoss.protocol.MemoryStatus status,
      long version,
      Instant createdAt,
      Instant updatedAt,
      String sourceKeyId,
      String contentHash,
      Double confidence,
      int evidenceCount,
      Instant lastVerifiedAt,
      UUID supersededBy,
      List<UUID> derivedFrom) {}
}
