package com.memoryoss.protocol.api;

import com.memoryoss.protocol.CborSerializable;
import java.util.List;
import java.util.UUID;

/**
 * Reply of {@code POST /v1/consolidate}. Each group names the member kept as the basis, the
 * members merged, and the derived memory that now stands for them (with {@code derived_from}
 * lineage); the members are archived, the derived memory is not.
 */
public record ConsolidateResponse(
    List<Group> groups,
    int totalMerged,
    int derivedCreated,
    int activeBefore,
    int activeAfter,
    int activeReduction,
    double duplicateRateBefore,
    double duplicateRateAfter,
    boolean dryRun)
    implements CborSerializable {

  /** One cluster of near-duplicates. */
  public record Group(UUID kept, List<UUID> merged, double avgSimilarity, UUID derivedId,
      List<UUID> sourceIds) implements CborSerializable {}
}
