package com.memoryoss.indexer;

import static com.memoryoss.indexer.Corpus.NOW;
import static com.memoryoss.indexer.Corpus.mem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.TrustSignals;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Trust from recency, source, coherence, access and outcomes. */
class TrustScorerTest {
  private final TrustScorer trust = new TrustScorer(0.3);

  /** A copy with access counters, which only the canonical constructor sets. */
  private static Memory accessed(Memory m, int injections, int reuses) {
    return new Memory(m.id(), m.content(), m.tags(), m.agent(), m.session(), m.namespace(),
        m.memoryType(), m.status(), m.version(), m.createdAt(), m.updatedAt(), m.sourceKey(),
        m.contentHash(), m.archived(), m.confidence(), m.evidenceCount(), m.lastVerifiedAt(),
        m.supersededBy(), m.derivedFrom(), m.contradictsWith(), injections, reuses,
        m.confirmCount(), m.rejectCount(), m.supersedeCount(), m.lastInjectedAt(),
        m.lastReusedAt(), m.lastOutcomeAt(), m.supersededAt(), m.evidenceSources());
  }

  @Test
  void recencyHalvesEveryWeekAndNeverExceedsOne() {
    assertThat(TrustScorer.recency(NOW, NOW)).isEqualTo(1.0);
    assertThat(TrustScorer.recency(NOW.minus(Duration.ofDays(7)), NOW))
        .isCloseTo(0.5, within(1e-3));
    assertThat(TrustScorer.recency(NOW.minus(Duration.ofDays(14)), NOW))
        .isCloseTo(0.25, within(1e-3));
    assertThat(TrustScorer.recency(NOW.plus(Duration.ofDays(1)), NOW)).isEqualTo(1.0);
  }

  @Test
  void outcomesMoveTrustFromNeutral() {
    Memory fresh = mem(1, "x").build();
    assertThat(TrustScorer.outcome(fresh)).isEqualTo(0.5);
    Memory.Builder confirmed = fresh.toBuilder();
    confirmed.confirmCount = 2; // p = 3
    assertThat(TrustScorer.outcome(confirmed.build())).isCloseTo(4.0 / 5, within(1e-12));
    Memory.Builder evidenced = fresh.toBuilder();
    evidenced.evidenceCount = 3; // p = 2: the first piece of evidence is the memory itself
    assertThat(TrustScorer.outcome(evidenced.build())).isCloseTo(3.0 / 4, within(1e-12));
    Memory.Builder rejected = fresh.toBuilder();
    rejected.rejectCount = 1; // n = 2
    assertThat(TrustScorer.outcome(rejected.build())).isCloseTo(1.0 / 4, within(1e-12));
    Memory.Builder superseded = fresh.toBuilder();
    superseded.supersedeCount = 2; // n = 3
    assertThat(TrustScorer.outcome(superseded.build())).isCloseTo(1.0 / 5, within(1e-12));
    assertThat(TrustScorer.outcome(accessed(fresh, 0, 3))).isCloseTo(4.0 / 5, within(1e-12));
  }

  @Test
  void signalsOfAFreshMemory() {
    TrustSignals s = trust.signals(mem(1, "x").build(), NOW);
    assertThat(s.recency()).isEqualTo(1.0);
    assertThat(s.sourceReputation()).isEqualTo(0.5);
    assertThat(s.embeddingCoherence()).isEqualTo(0.5);
    assertThat(s.accessFrequency()).isCloseTo(Math.log(2) / Math.log(101), within(1e-12));
    assertThat(s.outcomeLearning()).isEqualTo(0.5);
    assertThat(trust.score(mem(1, "x").build(), NOW)).isCloseTo(
        0.22 + 0.22 * 0.5 + 0.18 * 0.5 + 0.13 * Math.log(2) / Math.log(101) + 0.25 * 0.5,
        within(1e-12));
  }

  @Test
  void recencyIsMeasuredFromTheLastThingThatHappenedToTheMemory() {
    Memory old = mem(1, "x").ago(Duration.ofDays(70)).build();
    assertThat(trust.signals(old, NOW).recency()).isLessThan(0.01);
    Memory.Builder verified = old.toBuilder();
    verified.lastVerifiedAt = NOW;
    assertThat(trust.signals(verified.build(), NOW).recency()).isEqualTo(1.0);
  }

  @Test
  void accessFrequencySaturatesAtAHundredUses() {
    Memory m = mem(1, "x").build();
    assertThat(trust.signals(accessed(m, 60, 40), NOW).accessFrequency()).isEqualTo(1.0);
    assertThat(trust.signals(accessed(m, 6, 3), NOW).accessFrequency()) // 10 accesses
        .isCloseTo(Math.log(11) / Math.log(101), within(1e-12));
  }

  @Test
  void theScoreIsAWeightedSumClampedToTheUnitInterval() {
    assertThat(trust.score(new TrustSignals(1, 1, 1, 1, 1))).isCloseTo(1.0, within(1e-12));
    assertThat(trust.score(new TrustSignals(0, 0, 0, 0, 0))).isZero();
    assertThat(trust.score(new TrustSignals(0, 0, 0, 0, 1))).isCloseTo(0.25, within(1e-12));
  }

  @Test
  void lowTrustIsStrictlyBelowTheThreshold() {
    assertThat(trust.threshold()).isEqualTo(0.3);
    assertThat(trust.isLow(0.29)).isTrue();
    assertThat(trust.isLow(0.3)).isFalse();
  }
}
