package com.memoryoss.shard;

import com.memoryoss.indexer.IndexOp;
import com.memoryoss.indexer.NamespaceIndex;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.NamespaceCommand.MigrateEmbeddings;
import com.memoryoss.protocol.NamespaceEvent;
import com.memoryoss.protocol.NamespaceEvent.MemoryEmbedded;
import com.memoryoss.protocol.NamespaceReply;
import com.memoryoss.protocol.Rejection;
import com.memoryoss.shard.internal.IndexFeeder;
import com.memoryoss.shard.internal.SelfMessage.MigrationEmbedded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.pattern.StatusReply;

/**
 * The namespace entity's re-embedding with another model: a second index fills in the background
 * while the current one keeps serving; writes made meanwhile are remembered and replayed into the
 * new index when it takes over. Runs on the entity's thread.
 */
final class EmbeddingMigration {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(EmbeddingMigration.class);

  /** A re-embedding in progress: the new index being filled and the ops it has yet to see. */
  private record Running(String model, NamespaceIndex index, List<IndexOp> missed, long total) {}

  private final NamespaceEntity entity;
  private Running running;

  EmbeddingMigration(NamespaceEntity entity) {
    this.entity = entity;
  }

  /** Remembers ops the index being filled has not seen (they go to the current index now). */
  void observe(List<IndexOp> ops) {
    if (running != null) {
      running.missed().addAll(ops);
    }
  }

  /** The progress to report, or null when no migration runs. */
  NamespaceReply.Migration progress() {
    return running == null ? null : new NamespaceReply.Migration(running.model(),
        running.index().embeddedCount(), running.total());
  }

  ReplyEffect<NamespaceEvent, NamespaceState> onMigrate(NamespaceState state,
      MigrateEmbeddings cmd) {
    IndexFeeder feeder = entity.feeder();
    String current = feeder.index().embedder() == null ? IndexFactory.NONE
        : feeder.index().embedder().modelId();
    if (cmd.model().equals(current)) {
      return entity.ok(cmd.replyTo(), entity.queries().stats(state, null));
    }
    if (running != null) {
      return entity.reject(cmd.replyTo(), Rejection.INVALID,
          "a migration to " + running.model() + " is already running");
    }
    NamespaceIndex next;
    try {
      next = entity.runtime().indexes().create(cmd.model());
    } catch (RuntimeException e) {
      return entity.reject(cmd.replyTo(), Rejection.INVALID, "cannot use model " + cmd.model()
          + ": " + e.getMessage());
    }
    List<Memory> all = List.copyOf(state.all());
    running = new Running(cmd.model(), next, new ArrayList<>(), all.size());
    CompletableFuture<List<NamespaceIndex.NewEmbedding>> done = feeder.after(old -> null)
        .thenApplyAsync(v -> next.apply(List.of(new IndexOp.Reset(all, Map.of()))),
            entity.runtime().indexing());
    entity.context().pipeToSelf(done,
        (embedded, failure) -> new MigrationEmbedded(embedded, failure));
    LOG.info("namespace {}: re-embedding {} memories with {}", entity.namespace(), all.size(),
        cmd.model());
    return entity.ok(cmd.replyTo(), entity.queries().stats(state, progress()));
  }

  ReplyEffect<NamespaceEvent, NamespaceState> onEmbedded(NamespaceState state,
      MigrationEmbedded x) {
    Running m = running;
    if (x.failure() != null) {
      LOG.error("namespace {}: migration to {} failed: {}", entity.namespace(), m.model(),
          x.failure().toString());
      running = null;
      m.index().close();
      return entity.effects().noReply();
    }
    Instant at = entity.now();
    List<NamespaceEvent> events = new ArrayList<>();
    for (NamespaceIndex.NewEmbedding e : x.embedded()) {
      Memory cur = state.get(e.id());
      if (cur != null && cur.version() == e.version()) {
        events.add(new MemoryEmbedded(e.id(), e.embedding(), at));
      }
    }
    return entity.effects().persist(events).thenRun((NamespaceState s) -> {
      IndexFeeder old = entity.useIndex(m.index());
      running = null;
      // Writes made while the new index was filling: replay them into it (in order).
      entity.feed(List.copyOf(m.missed()));
      old.after(idx -> {
        idx.close();
        return null;
      });
      LOG.info("namespace {}: now on embedding model {}", entity.namespace(), m.model());
    }).thenNoReply();
  }
}
