package com.memoryoss.shard;

import static org.assertj.core.api.Assertions.assertThat;

import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryStatus;
import com.memoryoss.protocol.MemoryType;
import com.memoryoss.shard.DecayRules.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DecayRulesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant LATER = T0.plus(Duration.ofDays(20));

  private static Memory memory(MemoryStatus status) {
    return Memory.created(UUID.randomUUID(), "ns", "the build uses gradle 8", "h", List.of(),
        null, null, MemoryType.SEMANTIC, status, null, "key", T0);
  }

  private static Memory injected(Memory m, int times, Instant at) {
    for (int i = 0; i < times; i++) {
      m = m.injected(at);
    }
    return m;
  }

  private static Memory with(Memory m, java.util.function.Consumer<Memory.Builder> change) {
    Memory.Builder b = m.toBuilder();
    change.accept(b);
    return b.build();
  }

  @Test
  void aMemoryInjectedThreeTimesAndNeverUsefulGoesStaleOnceIdle() {
    Memory m = injected(memory(MemoryStatus.ACTIVE), 3, T0);
    assertThat(DecayRules.step(m, LATER, 14)).isEqualTo(Step.STALE);
    assertThat(DecayRules.step(m, T0.plus(Duration.ofDays(13)), 14)).isEqualTo(Step.KEEP);
  }

  @Test
  void anInjectionResetsIdleness() {
    Memory m = injected(memory(MemoryStatus.ACTIVE), 3, LATER.minus(Duration.ofDays(1)));
    assertThat(DecayRules.step(m, LATER, 14)).isEqualTo(Step.KEEP);
  }

  @Test
  void aConfirmedMemoryNeverDecaysByAgeAlone() {
    Memory m = with(injected(memory(MemoryStatus.ACTIVE), 5, T0), b -> b.confirmCount = 1);
    assertThat(DecayRules.step(m, T0.plus(Duration.ofDays(3650)), 14)).isEqualTo(Step.KEEP);
  }

  @Test
  void aHealthyFreshlyStoredMemoryIsKeptEvenWithZeroDays() {
    assertThat(DecayRules.step(memory(MemoryStatus.ACTIVE), T0, 0)).isEqualTo(Step.KEEP);
  }

  @Test
  void anOldLowTrustMemoryWithNothingForItGoesStale() {
    // A year without any sign of use: recency is gone, trust falls under the line.
    assertThat(DecayRules.step(memory(MemoryStatus.ACTIVE), T0.plus(Duration.ofDays(365)), 90))
        .isEqualTo(Step.STALE);
  }

  @Test
  void aRejectedMemoryGoesStaleOnceIdle() {
    Memory m = with(memory(MemoryStatus.ACTIVE), b -> b.rejectCount = 1);
    assertThat(DecayRules.step(m, LATER, 14)).isEqualTo(Step.STALE);
  }

  @Test
  void aSupersededMemoryGoesStaleAtOnce() {
    Memory m = with(memory(MemoryStatus.ACTIVE), b -> b.supersededBy = UUID.randomUUID());
    assertThat(DecayRules.step(m, T0, 90)).isEqualTo(Step.STALE);
  }

  @Test
  void anInjectedCandidateNeverConfirmedGoesStale() {
    Memory m = injected(memory(MemoryStatus.CANDIDATE), 1, T0);
    assertThat(DecayRules.step(m, LATER, 14)).isEqualTo(Step.STALE);
    assertThat(DecayRules.step(memory(MemoryStatus.CANDIDATE), LATER, 14)).isEqualTo(Step.KEEP);
  }

  @Test
  void idleStaleAndContestedMemoriesAreArchivedAndArchivedOnesLeftAlone() {
    assertThat(DecayRules.step(memory(MemoryStatus.STALE), LATER, 14)).isEqualTo(Step.ARCHIVE);
    assertThat(DecayRules.step(memory(MemoryStatus.CONTESTED), LATER, 14))
        .isEqualTo(Step.ARCHIVE);
    Memory archived = with(memory(MemoryStatus.STALE), b -> b.archived = true);
    assertThat(DecayRules.step(archived, LATER, 14)).isEqualTo(Step.KEEP);
  }

  @Test
  void goingStaleResetsIdlenessSoArchivingTakesASecondIdlePeriod() {
    Memory m = injected(memory(MemoryStatus.ACTIVE), 3, T0);
    Memory stale = DecayRules.apply(m, Step.STALE, LATER);
    assertThat(stale.status()).isEqualTo(MemoryStatus.STALE);
    assertThat(stale.version()).isEqualTo(m.version() + 1);
    assertThat(stale.content()).isEqualTo(m.content());
    assertThat(DecayRules.step(stale, LATER.plus(Duration.ofDays(1)), 14)).isEqualTo(Step.KEEP);
    assertThat(DecayRules.step(stale, LATER.plus(Duration.ofDays(14)), 14))
        .isEqualTo(Step.ARCHIVE);
    assertThat(DecayRules.apply(stale, Step.ARCHIVE, LATER).archived()).isTrue();
    assertThat(DecayRules.apply(stale, Step.KEEP, LATER)).isNull();
  }
}
