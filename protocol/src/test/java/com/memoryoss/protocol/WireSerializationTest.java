package com.memoryoss.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.memoryoss.protocol.NamespaceReply.Receipt;
import com.typesafe.config.ConfigFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every message type that crosses nodes, one sample each, round-trips through the serializer the
 * configuration binds it to (never Java serialization). A new type without a sample fails here.
 */
class WireSerializationTest {
  private static ActorTestKit kit;
  private static Serialization serialization;
  private static final Instant AT = Instant.parse("2026-12-04T10:15:30.123456Z");
  private static final UUID ID = UUID.fromString("0196a1e2-7c3b-7d2e-9f00-5a1b2c3d4e5f");
  private static final UUID OTHER = UUID.fromString("0196a1e2-7c3b-7d2e-9f00-5a1b2c3d4e60");

  @BeforeAll
  static void start() {
    kit = ActorTestKit.create("wire", ConfigFactory.parseString("""
        pekko.actor.provider = cluster
        pekko.remote.artery.canonical { hostname = "127.0.0.1", port = 0 }
        pekko.loglevel = WARNING
        """).withFallback(ConfigFactory.load()));
    serialization = SerializationExtension.get(kit.system());
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  static Memory memory() {
    return Memory.created(ID, "team-a", "staging DB listens on 5433", "ab".repeat(32),
        List.of("infra", "db"), "claude", "s-1", MemoryType.SEMANTIC, MemoryStatus.ACTIVE, 0.8,
        "key-1", AT).toBuilder().build();
  }

  private static RecallQuery query() {
    return new RecallQuery("which port", 10,
        new MemoryFilter("claude", "s-1", List.of("infra"), MemoryType.SEMANTIC, AT, AT),
        new RecallWeights(0.4, 0.3, 0.2, 0.1), true, null, 0.1, 0.15, 0.3, List.of(0.5f, -1f),
        false);
  }

  private static RecallHit hit() {
    return new RecallHit(memory(), 0.91, List.of("vector", "fts"), 0.6, false,
        new float[] {0.1f, 0.2f});
  }

  private static Map<Class<?>, Object> commands(ActorRef<Object> to) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Function<Object, ActorRef> r = x -> (ActorRef) to;
    StoreSpec spec = new StoreSpec("staging DB listens on 5433", List.of("infra"), "claude",
        "s-1", MemoryType.SEMANTIC, MemoryStatus.ACTIVE, null, "key-1").withId(ID);
    Map<Class<?>, Object> m = new LinkedHashMap<>();
    put(m, new NamespaceCommand.Store(spec, r.apply(null)));
    put(m, new NamespaceCommand.StoreBatch(List.of(spec, spec.withId(OTHER)), r.apply(null)));
    put(m, new NamespaceCommand.Recall(query(), r.apply(null)));
    put(m, new NamespaceCommand.Explain(query(), r.apply(null)));
    put(m, new NamespaceCommand.Update(new UpdateSpec(ID, "new", List.of("a"),
        MemoryType.EPISODIC), r.apply(null)));
    put(m, new NamespaceCommand.Forget(new ForgetSpec(List.of(ID),
        new MemoryFilter(null, "s-1", List.of(), null, AT, null)), "key-1", r.apply(null)));
    put(m, new NamespaceCommand.Learn(List.of(new FactSpec("uses pnpm", List.of("js"))),
        "proxy", "ev-1", r.apply(null)));
    put(m, new NamespaceCommand.Feedback(ID, FeedbackAction.SUPERSEDE, OTHER, r.apply(null)));
    put(m, new NamespaceCommand.MigrateEmbeddings("e5-small-v2", r.apply(null)));
    put(m, new NamespaceCommand.Consolidate(0.9, 50, true, r.apply(null)));
    put(m, new NamespaceCommand.Decay(30, false, r.apply(null)));
    put(m, new NamespaceCommand.RecordInjections(List.of(ID, OTHER), r.apply(null)));
    put(m, new NamespaceCommand.Get(ID, r.apply(null)));
    put(m, new NamespaceCommand.ListMemories(new ListSpec(MemoryFilter.NONE, 100, OTHER.toString()),
        r.apply(null)));
    put(m, new NamespaceCommand.Export(r.apply(null)));
    put(m, new NamespaceCommand.GetStats(r.apply(null)));
    return m;
  }

  private static Map<Class<?>, Object> replies() {
    Map<Class<?>, Object> m = new LinkedHashMap<>();
    put(m, new NamespaceReply.Stored(List.of(new Receipt(ID, 1))));
    put(m, new NamespaceReply.Recalled(List.of(hit()), List.of(new HitSummary(ID, "Staging.",
        0.91, 0.6, false, MemoryStatus.ACTIVE, List.of("infra"), List.of("fts"),
        List.of("port 5433"))), "0.9100000000000000:" + ID));
    put(m, new NamespaceReply.Explained(new RecallExplanation("which port", "team-a", true, 3,
        "e5-small-v2", true, true, List.of("5433"), RecallWeights.DEFAULTS, 0.15, 0.0, 0.3,
        List.of(new RecallExplanation.Candidate(ID, "staging", 1, true, List.of("fts"),
            new RecallExplanation.Scores(0.8, 3.2, 0), new RecallExplanation.Scores(1, 1, 0),
            1, 0.8, 0.5, 1, 0.9, 1, 0.6, 1.1, 0.91, 0.4, 0.8,
            new TrustSignals(0.9, 0.5, 0.7, 0.1, 0.5))), List.of(hit()))));
    put(m, new NamespaceReply.Updated(memory()));
    put(m, new NamespaceReply.Forgotten(2));
    put(m, new NamespaceReply.Found(memory(), true, new TrustEvidence(0.7, 0.4, 0.9, 0.6)));
    put(m, new NamespaceReply.Listed(List.of(memory()), 7, ID.toString()));
    put(m, new NamespaceReply.Exported(List.of(memory())));
    put(m, new NamespaceReply.Stats(10, 2, 12, 10, "e5-small-v2", 8, 8,
        new NamespaceReply.Migration("all-minilm-l6-v2", 3, 10)));
    put(m, new NamespaceReply.Learned(1, 2, 0));
    put(m, new NamespaceReply.Decayed(30, 10, 2, 1, 0, true));
    put(m, new NamespaceReply.InjectionsRecorded(2));
    put(m, new NamespaceReply.Consolidated(List.of(new NamespaceReply.MergedGroup(ID,
        List.of(OTHER), 0.93, ID, List.of(ID, OTHER))), 1, 0, 10, 9, 0.1, 0.0, false));
    return m;
  }

  private static Map<Class<?>, Object> events() {
    Map<Class<?>, Object> m = new LinkedHashMap<>();
    put(m, new NamespaceEvent.MemoryStored(memory()));
    put(m, new NamespaceEvent.MemoryUpdated(ID, "new", "cd".repeat(32), List.of("x"),
        MemoryType.PROCEDURAL, AT));
    put(m, new NamespaceEvent.MemoryEmbedded(ID, new Embedding("e5-small-v2",
        new float[] {0.25f, -0.5f}), AT));
    put(m, new NamespaceEvent.MemoryRevised(memory().injected(AT), "injected"));
    put(m, new NamespaceEvent.MemoryForgotten(ID, "key-1", AT));
    return m;
  }

  private static void put(Map<Class<?>, Object> m, Object sample) {
    m.put(sample.getClass(), sample);
  }

  /** The concrete records of a sealed family (nested sealed interfaces included). */
  private static List<Class<?>> leaves(Class<?> family, Class<?>... except) {
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> c : family.getPermittedSubclasses()) {
      if (List.of(except).contains(c)) {
        continue;
      }
      if (c.isSealed()) {
        out.addAll(leaves(c, except));
      } else {
        out.add(c);
      }
    }
    return out;
  }

  private static Object roundTrip(Object o) {
    Serializer s = serialization.findSerializerFor(o);
    assertThat(s.getClass().getName()).as("serializer of %s", o.getClass())
        .doesNotContain("JavaSerializer");
    byte[] bytes = serialization.serialize(o).get();
    return serialization.deserialize(bytes, s.identifier(),
        org.apache.pekko.serialization.Serializers.manifestFor(s, o)).get();
  }

  @Test
  void everyCommandRoundTripsThroughJacksonCbor() {
    ActorRef<Object> probe = kit.createTestProbe().ref();
    Map<Class<?>, Object> samples = commands(probe);
    assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(
        leaves(NamespaceCommand.class, NamespaceCommand.Internal.class));
    for (Object cmd : samples.values()) {
      assertThat(serialization.findSerializerFor(cmd)).isInstanceOf(JacksonCborSerializer.class);
      assertThat(roundTrip(cmd)).as("%s", cmd.getClass().getSimpleName()).isEqualTo(cmd);
    }
  }

  @Test
  void everyReplyRoundTripsAsAStatusReplySuccess() {
    Map<Class<?>, Object> samples = replies();
    assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(
        leaves(NamespaceReply.class));
    for (Object reply : samples.values()) {
      assertThat(roundTrip(reply)).as("%s", reply.getClass().getSimpleName()).isEqualTo(reply);
      StatusReply<Object> wrapped = StatusReply.success(reply);
      assertThat(((StatusReply<?>) roundTrip(wrapped)).getValue()).isEqualTo(reply);
    }
  }

  @Test
  void everyEventRoundTripsThroughJacksonCbor() {
    Map<Class<?>, Object> samples = events();
    assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(
        leaves(NamespaceEvent.class));
    for (Object event : samples.values()) {
      assertThat(roundTrip(event)).as("%s", event.getClass().getSimpleName()).isEqualTo(event);
    }
  }

  @Test
  void everyRefusalRoundTripsWithReasonMessageAndRetryHintOnly() {
    for (Rejection reason : Rejection.values()) {
      MemoryException e = new MemoryException(reason, "why: " + reason, 250);
      assertThat(serialization.findSerializerFor(e)).isInstanceOf(
          MemoryExceptionSerializer.class);
      assertThat(roundTrip(e)).isEqualTo(e);
      StatusReply<?> back = (StatusReply<?>) roundTrip(StatusReply.error(e));
      assertThat(back.isError()).isTrue();
      assertThat(back.getError()).isEqualTo(e);
      assertThat(back.getError().getStackTrace()).isEmpty();
    }
  }

  @Test
  void javaSerializationIsOff() {
    assertThat(kit.system().settings().config().getBoolean("pekko.actor.allow-java-serialization"))
        .isFalse();
  }
}
