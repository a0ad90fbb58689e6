package com.memoryoss.shard;

import com.memoryoss.indexer.TrustScorer;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * The age-based lifecycle rules, pure: what one sweep does to one memory. A memory is idle for
 * the days since its {@linkplain Memory#lifecycleAnchor() lifecycle anchor} (stored, updated,
 * verified, injected, reused or given feedback, whichever is latest).
 *
 * <ul>
 *   <li>A superseded memory becomes stale at once.
 *   <li>An idle active memory becomes stale when nothing speaks for it: injected at least three
 *       times yet never reused or confirmed; or a negative outcome (rejected, superseded); or low
 *       trust (below {@value #LOW_TRUST}) with no reuse, no confirmation and a single piece of
 *       evidence.
 *   <li>An idle candidate becomes stale when it was injected yet never reused or confirmed.
 *   <li>An idle stale or contested memory is archived: kept with its history, out of recall
 *       and injection. A memory that just became stale is not archived in the same sweep, and
 *       becoming stale resets its idleness, so archiving takes a second idle period.
 * </ul>
 *
 * Confirmed and reused memories never decay by age alone.
 */
public final class DecayRules {
  static final double LOW_TRUST = 0.45;
  private static final TrustScorer TRUST = new TrustScorer(LOW_TRUST);

  /** What a sweep does to a memory. */
  public enum Step {
    KEEP, STALE, ARCHIVE
  }

  private DecayRules() {}

  /** The step for {@code m} in a sweep at {@code now}, without namespace trust evidence. */
  public static Step step(Memory m, Instant now, int afterDays) {
    return step(m, now, afterDays, null);
  }

  /**
   * The step for {@code m} in a sweep at {@code now}, its trust judged with its namespace's
   * evidence ({@code null}: neutral). Archived memories are kept as they are.
   */
  public static Step step(Memory m, Instant now, int afterDays,
      com.memoryoss.protocol.TrustEvidence evidence) {
    if (m.archived()) {
      return Step.KEEP;
    }
    if (m.supersededBy() != null && m.status() != MemoryStatus.STALE) {
      return Step.STALE;
    }
    boolean idle = Duration.between(m.lifecycleAnchor(), now).toMillis()
        >= Duration.ofDays(afterDays).toMillis();
    if (!idle) {
      return Step.KEEP;
    }
    boolean unproven = m.reuseCount() == 0 && m.confirmCount() == 0;
    return switch (m.status()) {
      case ACTIVE -> (m.injectionCount() >= 3 && unproven) || negative(m)
          || (unproven && m.evidenceCount() <= 1 && TRUST.assess(m, now, evidence == null
              ? com.memoryoss.protocol.TrustEvidence.NEUTRAL : evidence).score() < LOW_TRUST)
          ? Step.STALE : Step.KEEP;
      case CANDIDATE -> m.injectionCount() > 0 && unproven ? Step.STALE : Step.KEEP;
      case STALE, CONTESTED -> Step.ARCHIVE;
    };
  }

  /** {@code m} after {@code step}, one version later; {@code null} for {@link Step#KEEP}. */
  public static Memory apply(Memory m, Step step, Instant at) {
    Memory.Builder b = m.toBuilder();
    switch (step) {
      case KEEP -> {
        return null;
      }
      case STALE -> b.status = MemoryStatus.STALE;
      case ARCHIVE -> b.archived = true;
    }
    b.version = m.version() + 1;
    b.updatedAt = at;
    return b.build();
  }

  private static boolean negative(Memory m) {
    return m.rejectCount() > 0 || m.supersedeCount() > 0 || m.supersededBy() != null;
  }
}
