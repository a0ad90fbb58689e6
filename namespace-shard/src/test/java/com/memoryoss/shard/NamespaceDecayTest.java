package com.memoryoss.shard;

import static org.assertj.core.api.Assertions.assertThat;

import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryStatus;
import com.memoryoss.protocol.MemoryType;
import com.memoryoss.protocol.NamespaceCommand;
import com.memoryoss.protocol.NamespaceReply;
import com.memoryoss.protocol.StoreSpec;
import com.memoryoss.protocol.api.DecayResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Decay through the entity: injection records, the sweep, dry runs, the background timer. */
class NamespaceDecayTest {
  private final TestJournal journal;
  private final ActorTestKit kit;
  private final KeyStore keys;
  private final String name = "decay-" + UUID.randomUUID().toString().substring(0, 8);
  private ActorRef<NamespaceCommand> ns;

  NamespaceDecayTest() throws Exception {
    journal = new TestJournal();
    kit = ActorTestKit.create("decay-test", journal.config());
    keys = journal.settings.openKeyStore();
  }

  private void spawn(DecayPolicy policy) throws Exception {
    journal.decay = policy;
    ns = kit.spawn(NamespaceEntity.create(name, journal.runtime(keys,
        MasterKey.fromFile(journal.dataDir.resolve("master.key")), 1000, null)));
  }

  @AfterEach
  void stop() throws Exception {
    kit.shutdownTestKit();
    keys.close();
    journal.close();
  }

  @SuppressWarnings("rawtypes")
  private Object ask(Function<ActorRef, NamespaceCommand> cmd) {
    return EntityAsk.ask(kit, ns, cmd);
  }

  private UUID store(String content) {
    return ((NamespaceReply.Stored) ask(to -> new NamespaceCommand.Store(new StoreSpec(content,
        List.of(), null, null, MemoryType.SEMANTIC, MemoryStatus.ACTIVE, null, "k"), to)))
        .receipts().get(0).id();
  }

  private Memory get(UUID id) {
    return ((NamespaceReply.Found) ask(to -> new NamespaceCommand.Get(id, to))).memory();
  }

  private DecayResponse decay(boolean dryRun) {
    return DecayResponse.of(name,
        (NamespaceReply.Decayed) ask(to -> new NamespaceCommand.Decay(0, dryRun, to)));
  }

  private void injectThreeTimes(UUID id) {
    for (int i = 0; i < 3; i++) {
      assertThat(ask(to -> new NamespaceCommand.RecordInjections(List.of(id, id), to)))
          .isEqualTo(new NamespaceReply.InjectionsRecorded(1));
    }
  }

  @Test
  void injectionsAreCountedOncePerRequestAndUnknownIdsSkipped() throws Exception {
    spawn(DecayPolicy.OFF);
    UUID id = store("The deploy script lives in ops/deploy.sh");
    assertThat(ask(to -> new NamespaceCommand.RecordInjections(List.of(id, id,
        UUID.randomUUID()), to))).isEqualTo(new NamespaceReply.InjectionsRecorded(1));
    Memory m = get(id);
    assertThat(m.injectionCount()).isEqualTo(1);
    assertThat(m.lastInjectedAt()).isNotNull();
  }

  @Test
  void aNeverUsefulMemoryGoesStaleThenArchivedWhileAHealthyOneStays() throws Exception {
    spawn(DecayPolicy.OFF);
    UUID useless = store("The office plant is watered on Mondays");
    UUID healthy = store("The team uses trunk-based development");
    injectThreeTimes(useless);

    assertThat(decay(true)).isEqualTo(new DecayResponse(name, 0, 2, 1, 0, 0, true));
    assertThat(get(useless).status()).isEqualTo(MemoryStatus.ACTIVE);

    assertThat(decay(false)).isEqualTo(new DecayResponse(name, 0, 2, 1, 0, 0, false));
    assertThat(get(useless).status()).isEqualTo(MemoryStatus.STALE);
    assertThat(get(healthy).status()).isEqualTo(MemoryStatus.ACTIVE);

    assertThat(decay(false)).isEqualTo(new DecayResponse(name, 0, 2, 0, 1, 0, false));
    Memory archived = get(useless);
    assertThat(archived.archived()).isTrue();
    assertThat(archived.content()).isEqualTo("The office plant is watered on Mondays");
    assertThat(((NamespaceReply.Exported) ask(NamespaceCommand.Export::new)).memories())
        .extracting(Memory::id).containsExactly(healthy);
  }

  @Test
  void oneSweepJournalsABoundedNumberOfChangesAndTheNextContinues() throws Exception {
    spawn(DecayPolicy.OFF);
    int n = EntityDecay.MAX_CHANGES_PER_SWEEP + 10;
    List<UUID> ids = new java.util.ArrayList<>();
    for (int from = 0; from < n; from += 1000) {
      List<StoreSpec> specs = new java.util.ArrayList<>();
      for (int i = from; i < Math.min(n, from + 1000); i++) {
        specs.add(new StoreSpec("Unused note number " + i, List.of(), null, null,
            MemoryType.SEMANTIC, MemoryStatus.ACTIVE, null, "k"));
      }
      ((NamespaceReply.Stored) ask(to -> new NamespaceCommand.StoreBatch(specs, to))).receipts()
          .forEach(r -> ids.add(r.id()));
    }
    for (int i = 0; i < 3; i++) {
      ask(to -> new NamespaceCommand.RecordInjections(ids, to));
    }
    assertThat(decay(false)).isEqualTo(
        new DecayResponse(name, 0, n, EntityDecay.MAX_CHANGES_PER_SWEEP, 0, 10, false));
    DecayResponse next = decay(false);
    assertThat(next.staled() + next.archived()).isEqualTo(EntityDecay.MAX_CHANGES_PER_SWEEP);
    assertThat(next.pending()).isEqualTo(10);
  }

  @Test
  void decaySurvivesARestart() throws Exception {
    spawn(DecayPolicy.OFF);
    UUID useless = store("The printer on floor two jams");
    injectThreeTimes(useless);
    decay(false);
    kit.stop(ns);
    Thread.sleep(200);
    spawn(DecayPolicy.OFF);
    Memory m = get(useless);
    assertThat(m.status()).isEqualTo(MemoryStatus.STALE);
    assertThat(m.injectionCount()).isEqualTo(3);
  }

  @Test
  void anEnabledPolicySweepsInTheBackground() throws Exception {
    spawn(new DecayPolicy(true, 0, Duration.ofMillis(200)));
    UUID useless = store("The coffee machine needs descaling");
    injectThreeTimes(useless);
    Memory m = get(useless);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!m.archived() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      m = get(useless);
    }
    assertThat(m.archived()).isTrue();
    assertThat(m.status()).isEqualTo(MemoryStatus.STALE);
  }
}
