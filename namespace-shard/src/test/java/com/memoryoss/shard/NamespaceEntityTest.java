package com.memoryoss.shard;

import static org.assertj.core.api.Assertions.assertThat;

import com.memoryoss.protocol.ForgetSpec;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryFilter;
import com.memoryoss.protocol.MemoryStatus;
import com.memoryoss.protocol.MemoryType;
import com.memoryoss.protocol.NamespaceCommand;
import com.memoryoss.protocol.NamespaceReply;
import com.memoryoss.protocol.RecallQuery;
import com.memoryoss.protocol.Rejection;
import com.memoryoss.protocol.StoreSpec;
import com.memoryoss.protocol.UpdateSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The namespace entity on a real journal (SQLite, or PostgreSQL in CI's second stage). */
class NamespaceEntityTest {
  private TestJournal journal;
  private ActorTestKit kit;
  private KeyStore keys;
  private MasterKey master;
  private String ns;

  @BeforeEach
  void start() throws Exception {
    journal = new TestJournal();
    kit = ActorTestKit.create("entity-test", journal.config());
    keys = journal.settings.openKeyStore();
    master = MasterKey.fromFile(journal.dataDir.resolve("master.key"));
    ns = "ns-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void stop() throws Exception {
    kit.shutdownTestKit();
    keys.close();
    journal.close();
  }

  private ActorRef<NamespaceCommand> spawn(int snapshotMinEvents, JournalCompactor compactor) {
    return kit.spawn(NamespaceEntity.create(ns,
        journal.runtime(keys, master, snapshotMinEvents, compactor)));
  }

  private ActorRef<NamespaceCommand> spawn() {
    return spawn(1000, null);
  }

  private static StoreSpec spec(String content, String... tags) {
    return new StoreSpec(content, List.of(tags), "agent-a", "s1", MemoryType.SEMANTIC,
        MemoryStatus.ACTIVE, null, "key-1");
  }

  @SuppressWarnings("rawtypes")
  private Object ask(ActorRef<NamespaceCommand> ref,
      java.util.function.Function<ActorRef, NamespaceCommand> cmd) {
    return EntityAsk.ask(kit, ref, cmd);
  }

  private UUID store(ActorRef<NamespaceCommand> ref, String content, String... tags) {
    Object r = ask(ref, to -> new NamespaceCommand.Store(spec(content, tags), to));
    assertThat(r).isInstanceOf(NamespaceReply.Stored.class);
    return ((NamespaceReply.Stored) r).receipts().get(0).id();
  }

  private List<Memory> export(ActorRef<NamespaceCommand> ref) {
    return ((NamespaceReply.Exported) ask(ref, NamespaceCommand.Export::new)).memories();
  }

  private NamespaceReply.Recalled recall(ActorRef<NamespaceCommand> ref, String query) {
    RecallQuery q = RecallQuery.of(query, 10, MemoryFilter.NONE);
    return (NamespaceReply.Recalled) ask(ref, to -> new NamespaceCommand.Recall(q, to));
  }

  private void restart(ActorRef<NamespaceCommand> ref) {
    kit.stop(ref);
  }

  @Test
  void storesMemoryAndRepliesWithIdAndVersionOne() {
    var ref = spawn();
    Object r = ask(ref, to -> new NamespaceCommand.Store(spec("we deploy on fridays"), to));
    var stored = ((NamespaceReply.Stored) r).receipts().get(0);
    assertThat(stored.version()).isEqualTo(1);
    Memory m = ((NamespaceReply.Found) ask(ref, to -> new NamespaceCommand.Get(stored.id(), to)))
        .memory();
    assertThat(m.content()).isEqualTo("we deploy on fridays");
    assertThat(m.namespace()).isEqualTo(ns);
    assertThat(m.status()).isEqualTo(MemoryStatus.ACTIVE);
    assertThat(m.contentHash()).hasSize(64);
    assertThat(m.sourceKey()).isEqualTo("key-1");
  }

  @Test
  void aCommandThatThrowsIsAnsweredWithAnErrorAndTheNamespaceKeepsServing() {
    var ref = spawn();
    UUID kept = store(ref, "kept across the poison message");
    // A spec no validator would let through: the handler throws on it.
    StoreSpec poison = new StoreSpec(null, List.of(), null, null, MemoryType.SEMANTIC,
        MemoryStatus.ACTIVE, null, "key-1");
    Object r = ask(ref, to -> new NamespaceCommand.Store(poison, to));
    assertThat(r).isInstanceOfSatisfying(EntityAsk.Rejected.class,
        rej -> assertThat(rej.reason()).isEqualTo(Rejection.INVALID));
    UUID after = store(ref, "stored right after the poison message");
    assertThat(export(ref)).extracting(Memory::id).containsExactly(kept, after);
  }

  @Test
  void aStoreSentAgainWithItsIdIsAnsweredWithTheSameReceiptAndStoredOnce() {
    var ref = spawn();
    StoreSpec once = spec("retried after a lost answer").withId(
        UUID.fromString("0196a1e2-7c3b-7d2e-9f00-5a1b2c3d4e5f"));
    Object first = ask(ref, to -> new NamespaceCommand.Store(once, to));
    Object again = ask(ref, to -> new NamespaceCommand.Store(once, to));
    assertThat(again).isEqualTo(first);
    assertThat(export(ref)).hasSize(1);
    StoreSpec clash = spec("other content, same id").withId(once.id());
    assertThat(ask(ref, to -> new NamespaceCommand.Store(clash, to)))
        .isInstanceOf(EntityAsk.Rejected.class);
  }

  @Test
  void rejectsExactDuplicateNamingTheIdItDuplicates() {
    var ref = spawn();
    UUID first = store(ref, "use pnpm, not npm");
    Object r = ask(ref, to -> new NamespaceCommand.Store(spec("use pnpm, not npm"), to));
    assertThat(r).isEqualTo(new EntityAsk.Rejected(Rejection.INVALID,
        "duplicate content (matches memory " + first + ")"));
  }

  @Test
  void batchIsAllOrNothing() {
    var ref = spawn();
    Object r = ask(ref, to -> new NamespaceCommand.StoreBatch(
        List.of(spec("one"), spec("two"), spec("one")), to));
    assertThat(r).isInstanceOf(EntityAsk.Rejected.class);
    assertThat(((EntityAsk.Rejected) r).message()).contains("matches batch memory");
    assertThat(export(ref)).isEmpty();

    r = ask(ref, to -> new NamespaceCommand.StoreBatch(List.of(spec("one"), spec("two")), to));
    assertThat(((NamespaceReply.Stored) r).receipts()).hasSize(2);
    assertThat(export(ref)).extracting(Memory::content).containsExactly("one", "two");
  }

  @Test
  void concurrentStoresAreAllAcknowledgedWithDistinctIds() {
    var ref = spawn();
    List<TestProbe<StatusReply<NamespaceReply.Stored>>> probes = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      TestProbe<StatusReply<NamespaceReply.Stored>> p = kit.createTestProbe();
      ref.tell(new NamespaceCommand.Store(spec("fact number " + i), p.ref()));
      probes.add(p);
    }
    List<UUID> ids = new ArrayList<>();
    for (var p : probes) {
      ids.add(p.receiveMessage().getValue().receipts().get(0).id());
    }
    assertThat(ids).doesNotHaveDuplicates().hasSize(300);
    assertThat(export(ref)).hasSize(300);
  }

  @Test
  void recallFindsStoredMemoryByKeywordAndSeesEveryAcknowledgedWrite() {
    var ref = spawn();
    store(ref, "The staging database runs PostgreSQL 15 on port 5433", "infra");
    store(ref, "Lunch is at noon on Thursdays");
    var hits = recall(ref, "which port does the staging database use?").hits();
    assertThat(hits).isNotEmpty();
    assertThat(hits.get(0).memory().content()).contains("5433");
    assertThat(hits.get(0).provenance()).contains("fts");
  }

  @Test
  void updateChangesContentAndBumpsVersionAndReindexes() {
    var ref = spawn();
    UUID id = store(ref, "the build uses gradle");
    Object r = ask(ref, to -> new NamespaceCommand.Update(
        new UpdateSpec(id, "the build uses maven", List.of("build"), null), to));
    Memory m = ((NamespaceReply.Updated) r).memory();
    assertThat(m.version()).isEqualTo(2);
    assertThat(m.tags()).containsExactly("build");
    assertThat(recall(ref, "gradle").hits())
        .noneMatch(h -> h.provenance().contains("fts"));
    assertThat(recall(ref, "maven").hits()).extracting(s -> s.memory().id())
        .containsExactly(id);
  }

  @Test
  void updateOfUnknownIdIsNotFound() {
    var ref = spawn();
    Object r = ask(ref, to -> new NamespaceCommand.Update(
        new UpdateSpec(UUID.randomUUID(), "x", null, null), to));
    assertThat(r).isEqualTo(new EntityAsk.Rejected(Rejection.NOT_FOUND, "memory not found"));
  }

  @Test
  void forgetByIdsRemovesAndIsIdempotent() {
    var ref = spawn();
    UUID a = store(ref, "alpha fact");
    store(ref, "beta fact");
    var spec = new ForgetSpec(List.of(a), null);
    assertThat(ask(ref, to -> new NamespaceCommand.Forget(spec, "admin", to)))
        .isEqualTo(new NamespaceReply.Forgotten(1));
    assertThat(ask(ref, to -> new NamespaceCommand.Forget(spec, "admin", to)))
        .isEqualTo(new NamespaceReply.Forgotten(0));
    assertThat(export(ref)).extracting(Memory::content).containsExactly("beta fact");
    assertThat(recall(ref, "alpha").hits())
        .noneMatch(h -> h.memory().id().equals(a));
  }

  @Test
  void forgetByFilterRemovesOnlyMatchingMemories() {
    var ref = spawn();
    store(ref, "tagged one", "tmp");
    store(ref, "tagged two", "tmp");
    store(ref, "keeper", "keep");
    var filter = new MemoryFilter(null, null, List.of("tmp"), null, null, null);
    assertThat(ask(ref, to -> new NamespaceCommand.Forget(new ForgetSpec(null, filter), "a", to)))
        .isEqualTo(new NamespaceReply.Forgotten(2));
    assertThat(export(ref)).extracting(Memory::content).containsExactly("keeper");
  }

  @Test
  void forgetWithNeitherIdsNorFilterDeletesNothing() {
    var ref = spawn();
    store(ref, "precious");
    Object r = ask(ref, to -> new NamespaceCommand.Forget(
        new ForgetSpec(List.of(), MemoryFilter.NONE), "a", to));
    assertThat(r).isInstanceOf(EntityAsk.Rejected.class);
    assertThat(export(ref)).hasSize(1);
  }

  @Test
  void recoversStateAfterRestart() {
    var ref = spawn();
    UUID a = store(ref, "first memory", "x");
    UUID b = store(ref, "second memory");
    ask(ref, to -> new NamespaceCommand.Update(new UpdateSpec(b, "second, revised", null, null),
        to));
    ask(ref, to -> new NamespaceCommand.Forget(new ForgetSpec(List.of(a), null), "k", to));
    List<Memory> before = export(ref);
    restart(ref);

    var again = spawn();
    assertThat(export(again)).isEqualTo(before);
    assertThat(recall(again, "revised").hits()).hasSize(1);
    // The duplicate index came back too.
    assertThat(ask(again, to -> new NamespaceCommand.Store(spec("second, revised"), to)))
        .isInstanceOf(EntityAsk.Rejected.class);
  }

  @Test
  void snapshotRecoveryEqualsFullReplay() throws Exception {
    var ref = spawn(5, null);
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      ids.add(store(ref, "memory " + i, "t" + (i % 3)));
    }
    ask(ref, to -> new NamespaceCommand.Update(new UpdateSpec(ids.get(4), "memory four", null,
        MemoryType.EPISODIC), to));
    ask(ref, to -> new NamespaceCommand.Forget(new ForgetSpec(ids.subList(0, 3), null), "k", to));
    List<Memory> truth = export(ref);
    restart(ref);

    var fromSnapshot = spawn(5, null);
    assertThat(export(fromSnapshot)).isEqualTo(truth);
    restart(fromSnapshot);

    journal.sql("DELETE FROM snapshot");
    var fromEvents = spawn(1_000_000, null);
    assertThat(export(fromEvents)).isEqualTo(truth);
  }

  @Test
  void compactionKeepsRecoveryIntact() throws Exception {
    JournalCompactor compactor = journal.settings.openCompactor();
    try {
      var ref = spawn(4, compactor);
      for (int i = 0; i < 40; i++) {
        store(ref, "compacted memory " + i);
      }
      List<Memory> truth = export(ref);
      restart(ref);
      assertThat(export(spawn(4, compactor))).isEqualTo(truth);
    } finally {
      compactor.close();
    }
  }

  private NamespaceReply.Stats stats(ActorRef<NamespaceCommand> ref) {
    return (NamespaceReply.Stats) ask(ref, NamespaceCommand.GetStats::new);
  }

  @Test
  void embeddingsArePersistedSoRecoveryNeverReEmbeds() throws Exception {
    var ref = spawn(5, null);
    for (int i = 0; i < 12; i++) {
      store(ref, "embedded memory number " + i);
    }
    recall(ref, "embedded memory"); // strong: waits until every store is indexed
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> stats(ref).embedded() == 12);
    int embeddedSoFar = journal.embedder.passages;
    assertThat(embeddedSoFar).isEqualTo(12);
    restart(ref);

    var again = spawn(5, null);
    var hits = recall(again, "embedded memory number 7").hits();
    assertThat(hits.get(0).memory().content()).isEqualTo("embedded memory number 7");
    assertThat(hits.get(0).provenance()).contains("vector");
    assertThat(stats(again).vectors()).isEqualTo(12);
    assertThat(journal.embedder.passages).isEqualTo(embeddedSoFar);
  }

  @Test
  void migratingEmbeddingsSwitchesTheModelOnceEveryMemoryIsReEmbedded() throws Exception {
    var ref = spawn(1_000, null);
    for (int i = 0; i < 7; i++) {
      store(ref, "memory to migrate " + i);
    }
    recall(ref, "memory");
    assertThat(stats(ref).model()).isEqualTo(HashingEmbedder.MODEL);
    assertThat(ask(ref, to -> new NamespaceCommand.MigrateEmbeddings("no-such-model", to)))
        .isInstanceOf(EntityAsk.Rejected.class);
    Object started = ask(ref, to -> new NamespaceCommand.MigrateEmbeddings(
        "test-hashing-b", to));
    assertThat(((NamespaceReply.Stats) started).migration().model()).isEqualTo("test-hashing-b");
    store(ref, "stored while migrating");
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
      var s = stats(ref);
      return s.model().equals("test-hashing-b") && s.migration() == null && s.embedded() == 8;
    });
    restart(ref);
    var again = spawn(1_000, null);
    var hits = recall(again, "stored while migrating").hits();
    assertThat(hits.get(0).provenance()).contains("vector");
    assertThat(stats(again).model()).isEqualTo("test-hashing-b");
    assertThat(stats(again).vectors()).isEqualTo(8);
  }

  @Test
  void strongRecallWaitsForIndexingWhileEventualDoesNot() {
    journal.embedder.delayMs = 1500;
    var ref = spawn();
    UUID id = store(ref, "the slow model finally embedded this");
    RecallQuery eventual = new RecallQuery("slow model embedded", 10, MemoryFilter.NONE, null,
        false, null, 0, 0, 0, null, false);
    var early = (NamespaceReply.Recalled) ask(ref, to -> new NamespaceCommand.Recall(eventual, to));
    // Not embedded yet: at most the text index has it.
    assertThat(early.hits()).noneMatch(h -> h.provenance().contains("vector"));
    assertThat(stats(ref).indexLag()).isPositive();
    var strong = recall(ref, "slow model embedded").hits();
    assertThat(strong).extracting(h -> h.memory().id()).containsExactly(id);
    assertThat(strong.get(0).provenance()).contains("vector", "fts");
    assertThat(stats(ref).indexLag()).isZero();
  }

  @Test
  void aStrongRecallThatWouldWaitTooLongIsAnsweredBusyWithTheLag() {
    journal.embedder.delayMs = 3000;
    journal.strongRecallWait = java.time.Duration.ofMillis(300);
    var ref = spawn();
    store(ref, "the slowest model ever embedded this");
    Object r = ask(ref, to -> new NamespaceCommand.Recall(new RecallQuery(
        "slowest model", 10, MemoryFilter.NONE, null, true, null, 0, 0, 0, null, false), to));
    assertThat(r).isInstanceOfSatisfying(EntityAsk.Rejected.class, rej -> {
      assertThat(rej.reason()).isEqualTo(Rejection.BUSY);
      assertThat(rej.message()).contains("memories behind").contains("eventual");
    });
  }

  @Test
  void forgottenContentLeavesNoReadableCopyUnderTheDataDir() throws Exception {
    var ref = spawn(3, null);
    String marker = "MARKER-" + UUID.randomUUID();
    UUID id = store(ref, "the secret is " + marker);
    for (int i = 0; i < 6; i++) {
      store(ref, "filler " + i); // forces snapshots that contain the marker memory
    }
    assertThat(filesContaining(marker)).isEmpty();
    byte[] wrappedKey = keys.memoryKeys(ns).get(id);
    assertThat(wrappedKey).isNotNull();
    ask(ref, to -> new NamespaceCommand.Forget(new ForgetSpec(List.of(id), null), "k", to));
    if (!journal.isPostgres()) {
      // Crypto-shredding: not even the wrapped key survives in the key file or its WAL.
      assertThat(filesContaining(wrappedKey)).isEmpty();
    }
    restart(ref);
    var again = spawn(3, null);
    assertThat(export(again)).extracting(Memory::content).noneMatch(c -> c.contains(marker));
    assertThat(filesContaining(marker)).isEmpty();
    assertThat(keys.memoryKeys(ns)).doesNotContainKey(id);
  }

  private List<Path> filesContaining(String marker) throws Exception {
    return filesContaining(marker.getBytes(StandardCharsets.UTF_8));
  }

  private List<Path> filesContaining(byte[] needle) throws Exception {
    try (Stream<Path> files = Files.walk(journal.dataDir)) {
      return files.filter(Files::isRegularFile).filter(f -> contains(f, needle)).toList();
    }
  }

  private static boolean contains(Path f, byte[] needle) {
    try {
      byte[] hay = Files.readAllBytes(f);
      outer:
      for (int i = 0; i <= hay.length - needle.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (hay[i + j] != needle[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
