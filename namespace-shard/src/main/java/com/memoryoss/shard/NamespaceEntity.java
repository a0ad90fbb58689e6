package com.memoryoss.shard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.memoryoss.indexer.IndexOp;
import com.memoryoss.indexer.NamespaceIndex;
import com.memoryoss.protocol.Memory;
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
import com.memoryoss.protocol.NamespaceEvent.MemoryForgotten;
import com.memoryoss.protocol.NamespaceEvent.MemoryStored;
import com.memoryoss.protocol.NamespaceEvent.MemoryUpdated;
import com.memoryoss.protocol.NamespaceProtocol;
import com.memoryoss.protocol.NamespaceReply;
import com.memoryoss.protocol.NamespaceReply.Rejected;
import com.memoryoss.protocol.Rejection;
import com.memoryoss.protocol.StoreSpec;
import com.memoryoss.protocol.api.Limits;
import com.memoryoss.protocol.api.StoreResponse;
import com.memoryoss.shard.internal.Flush;
import com.memoryoss.shard.internal.GroupCommit;
import com.memoryoss.shard.internal.IndexFeeder;
import com.memoryoss.shard.internal.SelfMessage;
import com.memoryoss.shard.internal.SelfMessage.Clustered;
import com.memoryoss.shard.internal.SelfMessage.Indexed;
import com.memoryoss.shard.internal.SelfMessage.LearnProbed;
import com.memoryoss.shard.internal.SelfMessage.MigrationEmbedded;
import com.memoryoss.shard.internal.SelfMessage.KeysShredded;
import com.memoryoss.shard.internal.SelfMessage.KeysWritten;
import com.memoryoss.shard.internal.SelfMessage.OrphansSwept;
import com.memoryoss.shard.internal.Keyring;
import com.memoryoss.shard.internal.Sealer;
import com.memoryoss.shard.internal.Uuid7;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
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

  private static final int MAX_MEMORIES_PER_COMMIT = 2_000;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NamespaceEntity.class);

  private final ActorContext<NamespaceCommand> ctx;
  private final String namespace;
  private final NamespaceRuntime rt;
  private final Keyring keys;
  private final Sealer sealer;
  private final GroupCommit commits = new GroupCommit(MAX_MEMORIES_PER_COMMIT);
  private final Uuid7 ids = new Uuid7();
  /** Created when recovery has told us the namespace's embedding model. */
  private IndexFeeder feeder;
  private NamespaceQueries queries;
  /** A re-embedding in progress: the new index being filled and the ops it has yet to see. */
  private Migration migration;

  private record Migration(String model, NamespaceIndex index, List<IndexOp> missed, long total) {}
  private final EntityLifecycle lifecycle = new EntityLifecycle(this);
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
      return new NamespaceEntity(ctx, namespace, runtime, keys, new Sealer(keys, cbor));
    });
  }

  private NamespaceEntity(
      ActorContext<NamespaceCommand> ctx,
      String namespace,
      NamespaceRuntime rt,
      Keyring keys,
      Sealer sealer) {
    super(
        PersistenceId.of(NamespaceProtocol.ENTITY_TYPE_KEY.name(), namespace),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.1));
    this.ctx = ctx;
    this.namespace = namespace;
    this.rt = rt;
    this.keys = keys;
    this.sealer = sealer;
  }

  @Override
  public NamespaceState emptyState() {
    return new NamespaceState();
  }

  @Override
  public CommandHandlerWithReply<NamespaceCommand, NamespaceEvent, NamespaceState>
      commandHandler() {
    return (state, cmd) -> switch (cmd) {
      case Store s -> onStore(state, s);
      case StoreBatch b -> onStoreBatch(state, b);
      case Recall r -> onRecall(r);
      case Explain x -> onExplain(x);
      case Update u -> onUpdate(state, u);
      case Forget f -> onForget(state, f);
      case Get g -> Effect().reply(g.replyTo(), queries.get(state, g.id()));
      case ListMemories l -> Effect().reply(l.replyTo(), queries.list(state, l.spec()));
      case Export e -> Effect().reply(e.replyTo(), queries.export(state));
      case GetStats s -> Effect().reply(s.replyTo(), queries.stats(state, progress()));
      case Learn l -> lifecycle.onLearn(l);
      case Feedback f -> lifecycle.onFeedback(state, f);
      case Consolidate c -> lifecycle.onConsolidate(c);
      case MigrateEmbeddings m -> onMigrate(state, m);
      case NamespaceCommand.Internal i -> onInternal(state, (SelfMessage) i);
    };
  }

  private ReplyEffect<NamespaceEvent, NamespaceState> onInternal(NamespaceState state, SelfMessage i) {
    return switch (i) {
      case KeysWritten k -> onKeysWritten(state, k);
      case LearnProbed p -> lifecycle.onLearnProbed(state, p);
      case Clustered c -> lifecycle.onClustered(state, c);
      case MigrationEmbedded m -> onMigrationEmbedded(state, m);
      case Indexed x -> onIndexed(state, x);
      case KeysShredded k -> onKeysShredded(k);
      case OrphansSwept o -> onOrphansSwept(o);
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

  // ---------------------------------------------------------------- store

  private ReplyEffect<NamespaceEvent, NamespaceState> onStore(NamespaceState state, Store cmd) {
    if (indexBehind()) {
      return busy(cmd.replyTo());
    }
    Memory m = newMemory(cmd.spec());
    UUID dup = duplicateOf(state, m.contentHash());
    if (dup != null) {
      return reject(cmd.replyTo(), Rejection.INVALID,
          "duplicate content (matches memory " + dup + ")");
    }
    commits.enqueue(new Flush.Unit(List.of(m), cmd.replyTo()));
    startNextCommit();
    return Effect().noReply();
  }

  private ReplyEffect<NamespaceEvent, NamespaceState> onStoreBatch(
      NamespaceState state, StoreBatch cmd) {
    if (indexBehind()) {
      return busy(cmd.replyTo());
    }
    List<Memory> batch = new ArrayList<>(cmd.specs().size());
    Map<String, UUID> inBatch = new HashMap<>();
    for (StoreSpec spec : cmd.specs()) {
      Memory m = newMemory(spec);
      UUID dup = duplicateOf(state, m.contentHash());
      if (dup != null) {
        return reject(cmd.replyTo(), Rejection.INVALID,
            "duplicate content (matches memory " + dup + ")");
      }
      UUID earlier = inBatch.putIfAbsent(m.contentHash(), m.id());
      if (earlier != null) {
        return reject(cmd.replyTo(), Rejection.INVALID,
            "duplicate content (matches batch memory " + earlier + ")");
      }
      batch.add(m);
    }
    commits.enqueue(new Flush.Unit(batch, cmd.replyTo()));
    startNextCommit();
    return Effect().noReply();
  }

  private boolean indexBehind() {
    return feeder != null && feeder.lag() > rt.maxIndexLag();
  }

  private ReplyEffect<NamespaceEvent, NamespaceState> busy(
      org.apache.pekko.actor.typed.ActorRef<NamespaceReply> to) {
    return reject(to, Rejection.BUSY, "indexing is " + feeder.lag()
        + " memories behind; retry shortly");
  }

  private UUID duplicateOf(NamespaceState state, String hash) {
    UUID dup = state.duplicateOf(hash);
    return dup != null ? dup : commits.duplicateOf(hash);
  }

  private Memory newMemory(StoreSpec s) {
    Instant at = now();
    return Memory.created(ids.next(at.toEpochMilli()), namespace, s.content(),
        ContentHash.of(s.content()), s.tags(), s.agent(), s.session(), s.memoryType(),
        s.status(), s.confidence(), s.sourceKey(), at);
  }

  /** Makes the next commit's keys durable, off this thread; the journal write follows. */
  private void startNextCommit() {
    Flush flush = commits.next();
    if (flush == null) {
      return;
    }
    Map<UUID, byte[]> wrapped = new HashMap<>();
    for (Memory m : flush.memories()) {
      wrapped.put(m.id(), keys.create(m.id()));
    }
    CompletableFuture<Void> written = CompletableFuture.runAsync(
        () -> rt.keyStore().insertMemoryKeys(namespace, wrapped), rt.blocking());
    ctx.pipeToSelf(written, (ok, failure) -> new KeysWritten(failure));
  }

  private ReplyEffect<NamespaceEvent, NamespaceState> onKeysWritten(NamespaceState state,
      KeysWritten k) {
    Flush flush = commits.inFlight();
    if (k.failure() != null) {
      commits.finish();
      keys.discard(flush.ids());
      ctx.getLog().error("namespace {}: key store write failed: {}", namespace,
          k.failure().getMessage());
      for (Flush.Unit u : flush.units()) {
        u.replyTo().tell(new Rejected(Rejection.UNAVAILABLE, "storage unavailable; retry"));
      }
      startNextCommit();
      return Effect().noReply();
    }
    List<NamespaceEvent> events = new ArrayList<>();
    List<List<NamespaceEvent>> extras = new ArrayList<>();
    for (Flush.Unit u : flush.units()) {
      for (Memory m : u.memories()) {
        events.add(new MemoryStored(m));
      }
      List<NamespaceEvent> extra = u.after().apply(state);
      extras.add(extra);
      events.addAll(extra);
    }
    if (events.isEmpty()) {
      commits.finish();
      for (int i = 0; i < flush.units().size(); i++) {
        Flush.Unit u = flush.units().get(i);
        u.replyTo().tell(u.reply().apply(List.of(), extras.get(i)));
      }
      startNextCommit();
      return Effect().noReply();
    }
    return Effect()
        .persist(events)
        .thenRun((NamespaceState s) -> {
          commits.finish();
          List<IndexOp> ops = new ArrayList<>();
          for (int i = 0; i < flush.units().size(); i++) {
            Flush.Unit u = flush.units().get(i);
            List<StoreResponse> stored = new ArrayList<>(u.memories().size());
            for (Memory m : u.memories()) {
              ops.add(new IndexOp.Put(m, null));
              stored.add(new StoreResponse(m.id(), m.version()));
            }
            for (NamespaceEvent e : extras.get(i)) {
              Memory now = s.get(e.memoryId());
              if (now != null) {
                ops.add(new IndexOp.Put(now, s.embedding(e.memoryId())));
              }
            }
            u.replyTo().tell(u.reply().apply(stored, extras.get(i)));
          }
          feed(ops);
          startNextCommit();
        })
        .thenNoReply();
  }

  // ---------------------------------------------------------------- index & recall

  /** Hands ops to the index stage; embeddings it computes come back as {@link Indexed}. */
  private void feed(List<IndexOp> ops) {
    if (ops.isEmpty()) {
      return;
    }
    if (migration != null) {
      migration.missed().addAll(ops);
    }
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

  // ---------------------------------------------------------------- embedding migration

  private ReplyEffect<NamespaceEvent, NamespaceState> onMigrate(NamespaceState state,
      MigrateEmbeddings cmd) {
    String current = feeder.index().embedder() == null ? IndexFactory.NONE
        : feeder.index().embedder().modelId();
    if (cmd.model().equals(current)) {
      return Effect().reply(cmd.replyTo(), queries.stats(state, null));
    }
    if (migration != null) {
      return reject(cmd.replyTo(), Rejection.INVALID,
          "a migration to " + migration.model() + " is already running");
    }
    NamespaceIndex next;
    try {
      next = rt.indexes().create(cmd.model());
    } catch (RuntimeException e) {
      return reject(cmd.replyTo(), Rejection.INVALID, "cannot use model " + cmd.model() + ": "
          + e.getMessage());
    }
    List<Memory> all = List.copyOf(state.all());
    migration = new Migration(cmd.model(), next, new ArrayList<>(), all.size());
    CompletableFuture<List<NamespaceIndex.NewEmbedding>> done = feeder.after(old -> null)
        .thenApplyAsync(v -> next.apply(List.of(new IndexOp.Reset(all, Map.of()))),
            rt.indexing());
    ctx.pipeToSelf(done, (embedded, failure) -> new MigrationEmbedded(embedded, failure));
    LOG.info("namespace {}: re-embedding {} memories with {}", namespace, all.size(),
        cmd.model());
    return Effect().reply(cmd.replyTo(), queries.stats(state, progress()));
  }

  private NamespaceReply.Migration progress() {
    return migration == null ? null : new NamespaceReply.Migration(migration.model(),
        migration.index().embeddedCount(), migration.total());
  }

  private ReplyEffect<NamespaceEvent, NamespaceState> onMigrationEmbedded(NamespaceState state,
      MigrationEmbedded x) {
    Migration m = migration;
    if (x.failure() != null) {
      LOG.error("namespace {}: migration to {} failed: {}", namespace, m.model(),
          x.failure().toString());
      migration = null;
      m.index().close();
      return Effect().noReply();
    }
    Instant at = now();
    List<NamespaceEvent> events = new ArrayList<>();
    for (NamespaceIndex.NewEmbedding e : x.embedded()) {
      Memory cur = state.get(e.id());
      if (cur != null && cur.version() == e.version()) {
        events.add(new MemoryEmbedded(e.id(), e.embedding(), at));
      }
    }
    return Effect().persist(events).thenRun((NamespaceState s) -> {
      IndexFeeder old = feeder;
      feeder = new IndexFeeder(m.index(), rt.indexing());
      queries = new NamespaceQueries(rt.recaller(), feeder, rt.recalls(), namespace,
          rt.defaultWeights());
      migration = null;
      // Writes made while the new index was filling: replay them into it (in order).
      feed(List.copyOf(m.missed()));
      old.after(idx -> {
        idx.close();
        return null;
      });
      LOG.info("namespace {}: now on embedding model {}", namespace, m.model());
    }).thenNoReply();
  }

  private ReplyEffect<NamespaceEvent, NamespaceState> onRecall(Recall r) {
    queries.recall(r.query(), now(), r.replyTo());
    return Effect().noReply();
  }

  private ReplyEffect<NamespaceEvent, NamespaceState> onExplain(Explain x) {
    queries.explain(x.query(), now(), x.replyTo());
    return Effect().noReply();
  }

  // ---------------------------------------------------------------- update

  private ReplyEffect<NamespaceEvent, NamespaceState> onUpdate(NamespaceState state, Update cmd) {
    var spec = cmd.spec();
    Memory m = state.get(spec.id());
    if (m == null) {
      return reject(cmd.replyTo(), Rejection.NOT_FOUND, "memory not found");
    }
    String content = spec.content() == null || spec.content().equals(m.content())
        ? null : spec.content();
    String hash = null;
    if (content != null) {
      hash = ContentHash.of(content);
      UUID dup = duplicateOf(state, hash);
      if (dup != null && !dup.equals(m.id())) {
        return reject(cmd.replyTo(), Rejection.INVALID,
            "duplicate content (matches memory " + dup + ")");
      }
    }
    List<String> tags = spec.tags() == null || spec.tags().equals(m.tags()) ? null : spec.tags();
    var type = spec.memoryType() == m.memoryType() ? null : spec.memoryType();
    if (content == null && tags == null && type == null) {
      return Effect().reply(cmd.replyTo(), new NamespaceReply.Updated(m));
    }
    MemoryUpdated event = new MemoryUpdated(m.id(), content, hash, tags, type, now());
    return Effect()
        .persist(event)
        .thenRun((NamespaceState s) -> feed(List.of(
            new IndexOp.Put(s.get(m.id()), s.embedding(m.id())))))
        .thenReply(cmd.replyTo(), s -> new NamespaceReply.Updated(s.get(m.id())));
  }

  // ---------------------------------------------------------------- forget

  private ReplyEffect<NamespaceEvent, NamespaceState> onForget(NamespaceState state, Forget cmd) {
    List<UUID> doomed = new ArrayList<>();
    if (cmd.spec().byIds()) {
      for (UUID id : new HashSet<>(cmd.spec().ids())) {
        if (state.get(id) != null) {
          doomed.add(id);
        }
      }
    } else if (cmd.spec().filter().isEmpty()) {
      return reject(cmd.replyTo(), Rejection.INVALID, "forget needs ids or a filter");
    } else {
      for (Memory m : state.all()) {
        if (cmd.spec().filter().matches(m)) {
          doomed.add(m.id());
        }
      }
      if (doomed.size() > Limits.MAX_FILTER_FORGET) {
        return reject(cmd.replyTo(), Rejection.INVALID,
            "filter delete matches more than " + Limits.MAX_FILTER_FORGET
                + " memories; narrow the filter or delete by ids");
      }
    }
    if (doomed.isEmpty()) {
      return Effect().reply(cmd.replyTo(), new NamespaceReply.Forgotten(0));
    }
    Instant at = now();
    List<NamespaceEvent> events = new ArrayList<>(doomed.size());
    for (UUID id : doomed) {
      events.add(new MemoryForgotten(id, cmd.requestedBy(), at));
    }
    return Effect()
        .persist(events)
        .thenRun((NamespaceState s) -> {
          feed(doomed.stream().<IndexOp>map(IndexOp.Remove::new).toList());
          shred(doomed, cmd.replyTo());
        })
        .thenNoReply();
  }

  private void shred(List<UUID> doomed, org.apache.pekko.actor.typed.ActorRef<NamespaceReply> to) {
    CompletableFuture<Void> deleted = CompletableFuture.runAsync(
        () -> rt.keyStore().deleteMemoryKeys(namespace, doomed), rt.blocking());
    ctx.pipeToSelf(deleted, (ok, failure) -> new KeysShredded(doomed, doomed.size(), to, failure));
  }

  private ReplyEffect<NamespaceEvent, NamespaceState> onKeysShredded(KeysShredded k) {
    if (k.failure() != null) {
      // The forget is journaled; the keys become orphans that the next recovery sweeps.
      ctx.getLog().error("namespace {}: key deletion failed: {}", namespace,
          k.failure().getMessage());
      return reject(k.replyTo(), Rejection.UNAVAILABLE,
          "forget recorded but its keys could not be deleted yet; retry");
    }
    keys.discard(k.ids());
    return Effect().reply(k.replyTo(), new NamespaceReply.Forgotten(k.deleted()));
  }

  // ---------------------------------------------------------------- lifecycle

  private void onRecovered(NamespaceState state) {
    String model = state.embeddingModel() != null && !IndexFactory.NONE.equals(rt.defaultModel())
        ? state.embeddingModel() : rt.defaultModel();
    NamespaceIndex index = rt.indexes().create(model);
    feeder = new IndexFeeder(index, rt.indexing());
    queries = new NamespaceQueries(rt.recaller(), feeder, rt.recalls(), namespace,
        rt.defaultWeights());
    feed(List.of(new IndexOp.Reset(List.copyOf(state.all()), Map.copyOf(state.embeddings()))));
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

  // ---------------------------------------------------------------- for EntityLifecycle

  ActorContext<NamespaceCommand> context() {
    return ctx;
  }

  IndexFeeder feeder() {
    return feeder;
  }

  GroupCommit commits() {
    return commits;
  }

  Memory newMemory(Instant at, String content, java.util.List<String> tags,
      com.memoryoss.protocol.MemoryStatus status, Double confidence, String source) {
    return Memory.created(ids.next(at.toEpochMilli()), namespace, content,
        ContentHash.of(content), tags, null, null, com.memoryoss.protocol.MemoryType.SEMANTIC,
        status, confidence, source, at);
  }

  void enqueue(Flush.Unit unit) {
    commits.enqueue(unit);
    startNextCommit();
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

  ReplyEffect<NamespaceEvent, NamespaceState> reject(
      org.apache.pekko.actor.typed.ActorRef<NamespaceReply> to, Rejection why, String message) {
    return Effect().reply(to, new Rejected(why, message));
  }

}
