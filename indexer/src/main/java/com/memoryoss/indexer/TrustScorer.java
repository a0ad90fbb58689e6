package com.memoryoss.indexer;

import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.TrustEvidence;
import com.memoryoss.protocol.TrustSignals;
import java.time.Duration;
import java.time.Instant;

/**
 * Trust of a memory from five signals in [0, 1], combined as a weighted sum: recency (7-day
 * half-life from the lifecycle anchor), source reputation, embedding coherence, access frequency
 * and outcome learning (feedback and reuse). Pure and thread-safe.
 *
 * <p>Source reputation and coherence need evidence this class is given, not state it keeps (the
 * namespace's {@link NamespaceTrust}, as a {@link TrustEvidence}); with none they are neutral
 * (0.5). The score's interval scales the source's 95% interval by the score.
 */
public final class TrustScorer {
  private static final double W_RECENCY = 0.22;
  private static final double W_SOURCE = 0.22;
  private static final double W_COHERENCE = 0.18;
  private static final double W_ACCESS = 0.13;
  private static final double W_OUTCOME = 0.25;

  private final double lowTrustThreshold;

  public TrustScorer(double lowTrustThreshold) {
    this.lowTrustThreshold = lowTrustThreshold;
  }

  public double threshold() {
    return lowTrustThreshold;
  }

  /** Half-life decay: 1 now, 0.5 after a week. */
  public static double recency(Instant from, Instant now) {
    double hours = Math.max(0, Duration.between(from, now).toMillis() / 3_600_000.0);
    return Math.exp(-0.693 * hours / 168.0);
  }

  /** (P+1)/(P+N+2) over positive and negative outcomes. */
  public static double outcome(Memory m) {
    double p = m.reuseCount() + 1.5 * m.confirmCount() + Math.max(0, m.evidenceCount() - 1);
    double n = 2.0 * m.rejectCount() + 1.5 * m.supersedeCount();
    return (p + 1) / (p + n + 2);
  }

  /** A trust score, its interval and the signals it came from. */
  public record Assessment(TrustSignals signals, double score, double low, double high) {}

  /** The signals without namespace evidence (source and coherence neutral). */
  public TrustSignals signals(Memory m, Instant now) {
    return signals(m, now, TrustEvidence.NEUTRAL);
  }

  public TrustSignals signals(Memory m, Instant now, TrustEvidence e) {
    int accesses = 1 + m.injectionCount() + m.reuseCount();
    double access = Math.min(1.0, Math.log(1 + accesses) / Math.log(101));
    return new TrustSignals(recency(m.lifecycleAnchor(), now), e.sourceReputation(),
        e.embeddingCoherence(), access, outcome(m));
  }

  /**
   * Score and interval: {@code low = clamp(score * ciLow / reputation, 0, score)}, {@code high =
   * clamp(score * ciHigh / reputation, score, 1)} with the source's interval.
   */
  public Assessment assess(Memory m, Instant now, TrustEvidence e) {
    TrustSignals s = signals(m, now, e);
    double score = score(s);
    double rep = e.sourceReputation();
    double low = rep <= 0 ? 0 : Math.max(0, Math.min(score, score * e.sourceConfidenceLow() / rep));
    double high = rep <= 0 ? 1
        : Math.min(1, Math.max(score, score * e.sourceConfidenceHigh() / rep));
    return new Assessment(s, score, low, high);
  }

  public double score(TrustSignals s) {
    double v = W_RECENCY * s.recency() + W_SOURCE * s.sourceReputation()
        + W_COHERENCE * s.embeddingCoherence() + W_ACCESS * s.accessFrequency()
        + W_OUTCOME * s.outcomeLearning();
    return Math.max(0, Math.min(1, v));
  }

  public double score(Memory m, Instant now) {
    return score(signals(m, now));
  }

  public boolean isLow(double trust) {
    return trust < lowTrustThreshold;
  }
}
