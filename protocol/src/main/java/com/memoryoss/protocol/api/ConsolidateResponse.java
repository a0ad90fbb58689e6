package com.memoryoss.protocol.api;

import com.memoryoss.protocol.NamespaceReply;
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
    boolean dryRun) {

  /** One cluster of near-duplicates. */
  public record Group(UUID kept, List<UUID> merged, double avgSimilarity, UUID derivedId,
      List<UUID> sourceIds) {}

  public static ConsolidateResponse of(NamespaceReply.Consolidated c) {
    return new ConsolidateResponse(
        c.groups().stream().map(g -> new Group(g.kept(), g.merged(), g.avgSimilarity(),
            g.derivedId(), g.sourceIds())).toList(),
        c.totalMerged(), c.derivedCreated(), c.activeBefore(), c.activeAfter(),
        c.activeBefore() - c.activeAfter(), c.duplicateRateBefore(), c.duplicateRateAfter(),
        c.dryRun());
  }
}
