package com.memoryoss.shard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.memoryoss.indexer.IndexOp;
import com.memoryoss.indexer.NamespaceIndex;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryException;
import com.memoryoss.protocol.NamespaceCommand;
import com.memoryoss.protocol.NamespaceCommand.Explain;
import com.memoryoss.protocol.NamespaceCommand.Consolidate;
import com.memoryoss.protocol.NamespaceCommand.Export;
import com.memoryoss.protocol.NamespaceCommand.Feedback;
import com.memoryoss.protocol.NamespaceCommand.Learn;
import com.memoryoss.protocol.NamespaceCommand.MigrateEmbeddings;
import com.memoryoss.protocol.NamespaceCommand.Forget;
import com.memoryoss.protocol.NamespaceCommand.Get;
import com.memoryoss.protocol.NamespaceCommand.GetStats;
import com.memoryoss.protocol.NamespaceCommand.ListMemories;
import com.memoryoss.protocol.NamespaceCommand.Recall;
import com.memoryoss.protocol.NamespaceCommand.Store;
import com.memoryoss.protocol.NamespaceCommand.StoreBatch;
import com.memoryoss.protocol.NamespaceCommand.Update;
import com.memoryoss.protocol.NamespaceEvent;
import com.memoryoss.protocol.NamespaceEvent.MemoryEmbedded;
import com.memoryoss.protocol.NamespaceProtocol;
import com.memoryoss.protocol.NamespaceReply;
import com.memoryoss.protocol.Rejection;
import com.memoryoss.shard.internal.GroupCommit;
import com.memoryoss.shard.internal.IndexFeeder;
import com.memoryoss.shard.internal.SelfMessage;
import com.memoryoss.shard.internal.SelfMessage.Clustered;
import com.memoryoss.shard.internal.SelfMessage.DecayTick;
import com.memoryoss.shard.internal.SelfMessage.Indexed;
import com.memoryoss.shard.internal.SelfMessage.LearnProbed;
import com.memoryoss.shard.internal.SelfMessage.MigrationEmbedded;
import com.memoryoss.shard.internal.SelfMessage.KeysShredded;
import com.memoryoss.shard.internal.SelfMessage.KeysWritten;
import com.memoryoss.shard.internal.SelfMessage.OrphansSwept;
import com.memoryoss.shard.internal.Keyring;
import com.memoryoss.shard.internal.Sealer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.EventAdapter;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.SnapshotCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;

/**
 * One namespace: the only writer of its memories, owner of its keys and its in-memory indexes.
 *
 * <p>Commands are validated against the state and answered with a {@link NamespaceReply}; changes
 * are persisted as {@link NamespaceEvent}s (sealed per memory by {@link Sealer}) and applied by
 * the pure event handler. On recovery the state comes back from the latest snapshot plus the
 * events after it, and the indexes are rebuilt from the state.
 *
 * <p>Write path: a store gets a fresh content key, which is made durable in the key store
 * <em>before</em> its event is journaled (a key without an event is an orphan, swept on the next
 * recovery; an event without a key would be unreadable). Concurrent stores share one key-store
 * transaction and one journal write ({@link GroupCommit}). A store is acknowledged once its event
 * is journaled and indexed, so every acknowledged write is visible to the next recall.
 *
 * <p>Forget: the forget events are journaled, then the memories' keys are deleted (and on SQLite
 * the key store's WAL truncated); only then is the forget acknowledged.
 */
public final class NamespaceEntity
    extends EventSourcedBehaviorWithEnforcedReplies<NamespaceCommand, NamespaceEvent,
        NamespaceState> {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(NamespaceEntity.class);

  private final ActorContext<NamespaceCommand> ctx;
  private final String namespace;
  private final NamespaceRuntime rt;
  private final Keyring keys;
  private final Sealer sealer;
  private final TimerScheduler<NamespaceCommand> timers;
  private final long started;
  /** Created when recovery has told us the namespace's embedding model. */
  private IndexFeeder feeder;
  private NamespaceQueries queries;
  private final EntityWrites writes = new EntityWrites(this);
  private final EntityLifecycle lifecycle = new EntityLifecycle(this);
  private final EmbeddingMigration migration = new EmbeddingMigration(this);
  private final EntityForgetting forgetting = new EntityForgetting(this);
  private final EntityDecay decay = new EntityDecay(this);
  private long lastSnapshotSeq;
  private long previousSnapshotSeq;

  /** Registers namespaces with cluster sharding on this node. */
  public static void init(
      org.apache.pekko.actor.typed.ActorSystem<?> system, NamespaceRuntime runtime) {
    NamespaceSharding.init(system, runtime);
  }

  /** The behavior of the namespace {@code namespace}; loads its keys first (blocking). */
  public static Behavior<NamespaceCommand> create(String namespace, NamespaceRuntime runtime) {
    return Behaviors.setup(ctx -> {
      Keyring keys = Keyring.load(runtime.keyStore(), runtime.masterKey(), namespace);
      ObjectMapper cbor = JacksonObjectMapperProvider.get(ctx.getSystem())
          .getOrCreate("jackson-cbor", java.util.Optional.empty());
      return Behaviors.withTimers(timers -> new NamespaceEntity(ctx, namespace, runtime, keys,
          new Sealer(keys, cbor), timers));
    });
  }

  private NamespaceEntity(
      ActorContext<NamespaceCommand> ctx,
      String namespace,
      NamespaceRuntime rt,
      Keyring keys,
      Sealer sealer,
      TimerScheduler<NamespaceCommand> timers) {
    super(
        PersistenceId.of(NamespaceProtocol.ENTITY_TYPE_KEY.name(), namespace),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.1));
    this.ctx = ctx;
    this.namespace = namespace;
    this.rt = rt;
    this.keys = keys;
    this.sealer = sealer;
    this.timers = timers;
    this.started = System.nanoTime();
  }

  @Override
  public NamespaceState emptyState() {
    return new NamespaceState();
  }

  /**
   * Every command is answered, also one that fails: a refusal ({@link MemoryException}) or a bug
   * while handling it is answered with {@code StatusReply.error} and the entity keeps serving with
   * its state unchanged. A poison message never restarts the namespace.
   */
  @Override
  public CommandHandlerWithReply<NamespaceCommand, NamespaceEvent, NamespaceState>
      commandHandler() {
    return (state, cmd) -> {
      try {
        return handle(state, cmd);
      } catch (MemoryException refused) {
        return refuse(cmd, refused);
      } catch (RuntimeException bug) {
        // The class and stack only: an exception's message may quote content.
        LOG.error("namespace {}: {} failed with {} at {}", namespace,
            cmd.getClass().getSimpleName(), bug.getClass().getName(),
            bug.getStackTrace().length > 0 ? bug.getStackTrace()[0] : "?");
        return refuse(cmd, MemoryException.invalid("the namespace could not process this request"));
      }
    };
  }

  private ReplyEffect<NamespaceEvent, NamespaceState> refuse(NamespaceCommand cmd,
      MemoryException why) {
    return cmd instanceof NamespaceCommand.Ask<?> ask ? reject(ask.replyTo(), why)
        : Effect().noReply();
  }

  private ReplyEffect<NamespaceEvent, NamespaceState> handle(NamespaceState state,
      NamespaceCommand cmd) {
    return switch (cmd) {
      case Store s -> writes.onStore(state, s);
      case StoreBatch b -> writes.onStoreBatch(state, b);
      case Recall r -> onRecall(r);
      case Explain x -> onExplain(x);
      case Update u -> writes.onUpdate(state, u);
      case Forget f -> forgetting.onForget(state, f);
      case Get g -> ok(g.replyTo(), queries.get(state, g.id()));
      case ListMemories l -> ok(l.replyTo(), queries.list(state, l.spec()));
      case Export e -> ok(e.replyTo(), queries.export(state));
      case GetStats s -> ok(s.replyTo(), queries.stats(state, migration.progress()));
      case Learn l -> lifecycle.onLearn(l);
      case Feedback f -> lifecycle.onFeedback(state, f);
      case Consolidate c -> lifecycle.onConsolidate(c);
      case MigrateEmbeddings m -> migration.onMigrate(state, m);
      case NamespaceCommand.Decay d -> decay.onDecay(state, d);
      case NamespaceCommand.RecordInjections r -> decay.onRecordInjections(state, r);
      case NamespaceCommand.Internal i -> onInternal(state, (SelfMessage) i);
    };
  }

  private ReplyEffect<NamespaceEvent, NamespaceState> onInternal(NamespaceState state, SelfMessage i) {
    return switch (i) {
      case KeysWritten k -> writes.onKeysWritten(state, k);
      case LearnProbed p -> lifecycle.onLearnProbed(state, p);
      case Clustered c -> lifecycle.onClustered(state, c);
      case MigrationEmbedded m -> migration.onEmbedded(state, m);
      case Indexed x -> onIndexed(state, x);
      case KeysShredded k -> forgetting.onKeysShredded(k);
      case OrphansSwept o -> onOrphansSwept(o);
      case DecayTick t -> decay.onDecay(state,
          new NamespaceCommand.Decay(null, false, ctx.getSystem().ignoreRef()));
    };
  }

  @Override
  public EventHandler<NamespaceState, NamespaceEvent> eventHandler() {
    return NamespaceState::apply;
  }

  @Override
  public EventAdapter<NamespaceEvent, ?> eventAdapter() {
    return sealer.events();
  }

  @Override
  public SnapshotAdapter<NamespaceState> snapshotAdapter() {
    return sealer.snapshots();
  }

  @Override
  public boolean shouldSnapshot(NamespaceState state, NamespaceEvent event, long sequenceNr) {
    long due = Math.max(rt.snapshotMinEvents(), state.size() / 2);
    if (sequenceNr - lastSnapshotSeq >= due) {
      lastSnapshotSeq = sequenceNr;
      return true;
    }
    return false;
  }

  @Override
  public SignalHandler<NamespaceState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), this::onRecovered)
        .onSignal(SnapshotCompleted.class, (state, done) -> onSnapshot(done))
        .onSignal(PostStop.instance(), state -> {
          if (feeder != null) {
            feeder.index().close();
          }
        })
        .build();
  }

  // ---------------------------------------------------------------- index & recall

  /** Hands ops to the index stage; embeddings it computes come back as {@link Indexed}. */
  void feed(List<IndexOp> ops) {
    if (ops.isEmpty()) {
      return;
    }
    migration.observe(ops);
    ctx.pipeToSelf(feeder.submit(ops), (embedded, failure) ->
        new Indexed(embedded == null ? List.of() : embedded, failure));
  }

  private ReplyEffect<NamespaceEvent, NamespaceState> onIndexed(NamespaceState state, Indexed x) {
    if (x.failure() != null) {
      LOG.error("namespace {}: indexing failed: {}", namespace, x.failure().toString());
      return Effect().noReply();
    }
    Instant at = now();
    List<NamespaceEvent> events = new ArrayList<>();
    for (NamespaceIndex.NewEmbedding e : x.embedded()) {
      Memory m = state.get(e.id());
      // Only for content the memory still has: a newer version gets its own embedding.
      if (m != null && m.version() == e.version()) {
        events.add(new MemoryEmbedded(e.id(), e.embedding(), at));
      }
    }
    return events.isEmpty() ? Effect().noReply() : Effect().persist(events).thenNoReply();
  }

  private ReplyEffect<NamespaceEvent, NamespaceState> onRecall(Recall r) {
    queries.recall(r.query(), now(), r.replyTo());
    return Effect().noReply();
  }

  private ReplyEffect<NamespaceEvent, NamespaceState> onExplain(Explain x) {
    queries.explain(x.query(), now(), x.replyTo());
    return Effect().noReply();
  }

  // ---------------------------------------------------------------- lifecycle

  private void onRecovered(NamespaceState state) {
    String model = state.embeddingModel() != null && !IndexFactory.NONE.equals(rt.defaultModel())
        ? state.embeddingModel() : rt.defaultModel();
    useIndex(rt.indexes().create(model));
    feed(List.of(new IndexOp.Reset(List.copyOf(state.all()), Map.copyOf(state.embeddings()))));
    long recoveredMs = (System.nanoTime() - started) / 1_000_000;
    int size = state.size();
    feeder.after(idx -> {
      long indexedMs = (System.nanoTime() - started) / 1_000_000;
      if (size >= 10_000) {
        LOG.info("namespace {}: {} memories recovered in {} ms, indexed after {} ms", namespace,
            size, recoveredMs, indexedMs);
      }
      return null;
    });
    lastSnapshotSeq = lastSequenceNumber(ctx);
    Set<UUID> orphans = new HashSet<>(keys.ids());
    for (Memory m : state.all()) {
      orphans.remove(m.id());
    }
    if (!orphans.isEmpty()) {
      List<UUID> list = List.copyOf(orphans);
      CompletableFuture<Void> deleted = CompletableFuture.runAsync(
          () -> rt.keyStore().deleteMemoryKeys(namespace, list), rt.blocking());
      ctx.pipeToSelf(deleted, (ok, failure) -> new OrphansSwept(list, failure));
    }
    DecayPolicy policy = rt.decay();
    if (policy.enabled()) {
      // Awake namespaces sweep themselves; a passivated one is swept soon after it wakes.
      Duration first = policy.sweepEvery().compareTo(Duration.ofSeconds(30)) < 0
          ? policy.sweepEvery() : Duration.ofSeconds(30);
      timers.startTimerWithFixedDelay("decay", new DecayTick(), first, policy.sweepEvery());
    }
  }

  private ReplyEffect<NamespaceEvent, NamespaceState> onOrphansSwept(OrphansSwept o) {
    if (o.failure() == null) {
      keys.discard(o.ids());
    } else {
      ctx.getLog().warn("namespace {}: orphan key sweep failed: {}", namespace,
          o.failure().getMessage());
    }
    return Effect().noReply();
  }

  private void onSnapshot(SnapshotCompleted done) {
    long seq = done.metadata().sequenceNr();
    long keepFrom = previousSnapshotSeq;
    previousSnapshotSeq = seq;
    if (rt.compactor() != null && keepFrom > 0) {
      String pid = persistenceId().id();
      CompletableFuture.runAsync(() -> rt.compactor().compactBelow(pid, keepFrom), rt.blocking())
          .exceptionally(e -> {
            LOG.warn("journal compaction of {} failed: {}", pid, e.getMessage());
            return null;
          });
    }
  }

  Instant now() {
    return rt.clock().instant();
  }

  // ---------------------------------------------------------------- for the handler helpers

  /** Makes {@code index} the one recalls read and writes feed; returns the previous feeder. */
  IndexFeeder useIndex(NamespaceIndex index) {
    IndexFeeder old = feeder;
    feeder = new IndexFeeder(index, rt.indexing());
    queries = new NamespaceQueries(rt.recaller(), feeder, rt.recalls(), namespace,
        rt.defaultWeights(), rt.strongRecallWait());
    return old;
  }

  NamespaceQueries queries() {
    return queries;
  }

  NamespaceRuntime runtime() {
    return rt;
  }

  String namespace() {
    return namespace;
  }

  Keyring keys() {
    return keys;
  }

  ActorContext<NamespaceCommand> context() {
    return ctx;
  }

  IndexFeeder feeder() {
    return feeder;
  }

  EntityWrites writes() {
    return writes;
  }

  /** Index the current form of these memories after their revision is persisted. */
  void reindex(NamespaceState s, java.util.Collection<UUID> ids) {
    List<IndexOp> ops = new ArrayList<>();
    for (UUID id : ids) {
      Memory m = s.get(id);
      if (m != null) {
        ops.add(new IndexOp.Put(m, s.embedding(id)));
      }
    }
    feed(ops);
  }

  org.apache.pekko.persistence.typed.javadsl.EffectFactories<NamespaceEvent, NamespaceState>
      effects() {
    return Effect();
  }

  <R> ReplyEffect<NamespaceEvent, NamespaceState> reject(
      ActorRef<StatusReply<R>> to, Rejection why, String message) {
    return reject(to, new MemoryException(why, message));
  }

  <R> ReplyEffect<NamespaceEvent, NamespaceState> reject(
      ActorRef<StatusReply<R>> to, MemoryException why) {
    return Effect().reply(to, StatusReply.error(why));
  }

  /** Answers a command that changes nothing. */
  <R> ReplyEffect<NamespaceEvent, NamespaceState> ok(ActorRef<StatusReply<R>> to,
      R result) {
    return Effect().reply(to, StatusReply.success(result));
  }

}
