package com.memoryoss.shard;

import static org.assertj.core.api.Assertions.assertThat;

import com.memoryoss.protocol.FactSpec;
import com.memoryoss.protocol.FeedbackAction;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryStatus;
import com.memoryoss.protocol.MemoryType;
import com.memoryoss.protocol.NamespaceCommand;
import com.memoryoss.protocol.NamespaceReply;
import com.memoryoss.protocol.StoreSpec;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How memories evolve with evidence: quarantine, reinforcement, supersession, feedback. */
class NamespaceLearningTest {
  private TestJournal journal;
  private ActorTestKit kit;
  private KeyStore keys;
  private ActorRef<NamespaceCommand> ns;

  @BeforeEach
  void start() throws Exception {
    journal = new TestJournal();
    kit = ActorTestKit.create("learning-test", journal.config());
    keys = journal.settings.openKeyStore();
    ns = kit.spawn(NamespaceEntity.create("learn-" + UUID.randomUUID().toString().substring(0, 8),
        journal.runtime(keys, MasterKey.fromFile(journal.dataDir.resolve("master.key")), 1000,
            null)));
  }

  @AfterEach
  void stop() throws Exception {
    kit.shutdownTestKit();
    keys.close();
    journal.close();
  }

  @SuppressWarnings("rawtypes")
  private Object ask(java.util.function.Function<ActorRef, NamespaceCommand> cmd) {
    return EntityAsk.ask(kit, ns, cmd);
  }

  private NamespaceReply.Learned learn(String evidence, String... facts) {
    List<FactSpec> specs = java.util.Arrays.stream(facts).map(f -> new FactSpec(f, List.of()))
        .toList();
    return (NamespaceReply.Learned) ask(to -> new NamespaceCommand.Learn(specs,
        "proxy-extraction", evidence, to));
  }

  private List<Memory> all() {
    return ((NamespaceReply.Exported) ask(NamespaceCommand.Export::new)).memories();
  }

  private Memory only() {
    assertThat(all()).hasSize(1);
    return all().get(0);
  }

  @Test
  void anExtractedFactStartsAsAQuarantinedCandidate() {
    assertThat(learn("ev-1", "The user prefers pnpm over npm for every project."))
        .isEqualTo(new NamespaceReply.Learned(1, 0, 0));
    Memory m = only();
    assertThat(m.status()).isEqualTo(MemoryStatus.CANDIDATE);
    assertThat(m.confidence()).isEqualTo(0.2);
    assertThat(m.sourceKey()).isEqualTo("proxy-extraction");
    assertThat(m.tags()).contains("proxy-extracted");
    assertThat(m.eligibleForInjection()).isFalse();
  }

  @Test
  void aSecondIndependentExtractionMakesItActiveButAReplayDoesNot() {
    learn("ev-1", "The user prefers pnpm over npm for every project.");
    assertThat(learn("ev-1", "The user prefers pnpm over npm for every project."))
        .isEqualTo(new NamespaceReply.Learned(0, 0, 0));
    assertThat(only().status()).isEqualTo(MemoryStatus.CANDIDATE);

    assertThat(learn("ev-2", "The user prefers pnpm over npm for every project."))
        .isEqualTo(new NamespaceReply.Learned(0, 1, 0));
    Memory m = only();
    assertThat(m.status()).isEqualTo(MemoryStatus.ACTIVE);
    assertThat(m.evidenceCount()).isEqualTo(2);
    assertThat(m.confidence()).isGreaterThan(0.5);
  }

  @Test
  void aContradictionSupersedesTheOlderMemoryAndKeepsIt() {
    ask(to -> new NamespaceCommand.Store(new StoreSpec("The staging database port is 5433",
        List.of(), null, null, MemoryType.SEMANTIC, MemoryStatus.ACTIVE, null, "k"), to));
    NamespaceReply.Learned r = learn("ev-9", "The staging database port is 6543");
    assertThat(r.created()).isEqualTo(1);
    assertThat(r.superseded()).isEqualTo(1);
    Memory old = all().stream().filter(m -> m.content().contains("5433")).findFirst()
        .orElseThrow();
    Memory fresh = all().stream().filter(m -> m.content().contains("6543")).findFirst()
        .orElseThrow();
    assertThat(old.status()).isEqualTo(MemoryStatus.STALE);
    assertThat(old.supersededBy()).isEqualTo(fresh.id());
    assertThat(old.supersededAt()).isNotNull();
    assertThat(old.eligibleForInjection()).isFalse();
    assertThat(fresh.contradictsWith()).containsExactly(old.id());
  }

  @Test
  void feedbackConfirmsRejectsAndSupersedes() {
    learn("ev-1", "Deploys go out on Tuesdays after the release review.");
    UUID id = only().id();
    Memory confirmed = ((NamespaceReply.Updated) ask(to -> new NamespaceCommand.Feedback(id,
        FeedbackAction.CONFIRM, null, to))).memory();
    assertThat(confirmed.status()).isEqualTo(MemoryStatus.ACTIVE);
    assertThat(confirmed.confirmCount()).isEqualTo(1);

    Memory rejected = ((NamespaceReply.Updated) ask(to -> new NamespaceCommand.Feedback(id,
        FeedbackAction.REJECT, null, to))).memory();
    assertThat(rejected.status()).isEqualTo(MemoryStatus.STALE);
    assertThat(ask(to -> new NamespaceCommand.Feedback(id, FeedbackAction.SUPERSEDE, id, to)))
        .isEqualTo(new EntityAsk.Rejected(com.memoryoss.protocol.Rejection.INVALID,
            "memory cannot supersede itself"));
    assertThat(ask(to -> new NamespaceCommand.Feedback(id, FeedbackAction.SUPERSEDE, null, to)))
        .isInstanceOf(EntityAsk.Rejected.class);
  }
}
