package com.memoryoss.shard;

import com.memoryoss.indexer.IndexOp;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryStatus;
import com.memoryoss.protocol.MemoryType;
import com.memoryoss.protocol.NamespaceCommand.Store;
import com.memoryoss.protocol.NamespaceCommand.StoreBatch;
import com.memoryoss.protocol.NamespaceCommand.Update;
import com.memoryoss.protocol.NamespaceEvent;
import com.memoryoss.protocol.NamespaceEvent.MemoryStored;
import com.memoryoss.protocol.NamespaceEvent.MemoryUpdated;
import com.memoryoss.protocol.MemoryException;
import com.memoryoss.protocol.NamespaceReply.Receipt;
import com.memoryoss.protocol.NamespaceReply.Stored;
import com.memoryoss.protocol.NamespaceReply.Updated;
import com.memoryoss.protocol.Rejection;
import com.memoryoss.protocol.StoreSpec;
import com.memoryoss.shard.internal.Flush;
import com.memoryoss.shard.internal.GroupCommit;
import com.memoryoss.shard.internal.SelfMessage.KeysWritten;
import com.memoryoss.shard.internal.Uuid7;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * The namespace entity's write path: stores and updates. A new memory gets a fresh content key, made durable in the
 * key store (on the blocking pool) <em>before</em> its event is journaled; concurrent writes share
 * one key-store transaction and one journal write ({@link GroupCommit}); a write is answered once
 * journaled and handed to the index stage. Runs on the entity's thread.
 */
final class EntityWrites {
  private static final int MAX_MEMORIES_PER_COMMIT = 2_000;

  private final NamespaceEntity entity;
  private final GroupCommit commits = new GroupCommit(MAX_MEMORIES_PER_COMMIT);
  private final Uuid7 ids = new Uuid7();

  EntityWrites(NamespaceEntity entity) {
    this.entity = entity;
  }

  /** Revises content, tags or type; an unchanged request is answered without an event. */
  ReplyEffect<NamespaceEvent, NamespaceState> onUpdate(NamespaceState state, Update cmd) {
    var spec = cmd.spec();
    Memory m = state.get(spec.id());
    if (m == null) {
      return entity.reject(cmd.replyTo(), Rejection.NOT_FOUND, "memory not found");
    }
    String content = spec.content() == null || spec.content().equals(m.content())
        ? null : spec.content();
    String hash = null;
    if (content != null) {
      hash = ContentHash.of(content);
      UUID dup = duplicateOf(state, hash);
      if (dup != null && !dup.equals(m.id())) {
        return entity.reject(cmd.replyTo(), Rejection.INVALID,
            "duplicate content (matches memory " + dup + ")");
      }
    }
    List<String> tags = spec.tags() == null || spec.tags().equals(m.tags()) ? null : spec.tags();
    var type = spec.memoryType() == m.memoryType() ? null : spec.memoryType();
    if (content == null && tags == null && type == null) {
      return entity.ok(cmd.replyTo(), new Updated(m));
    }
    MemoryUpdated event = new MemoryUpdated(m.id(), content, hash, tags, type, entity.now());
    return entity.effects()
        .persist(event)
        .thenRun((NamespaceState s) -> entity.feed(List.of(
            new IndexOp.Put(s.get(m.id()), s.embedding(m.id())))))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(new Updated(s.get(m.id()))));
  }

  ReplyEffect<NamespaceEvent, NamespaceState> onStore(NamespaceState state, Store cmd) {
    if (indexBehind()) {
      return busy(cmd.replyTo());
    }
    Memory m = newMemory(cmd.spec());
    UUID dup = duplicateOf(state, m.contentHash());
    if (m.id().equals(dup) || state.get(m.id()) != null) {
      return retried(state, List.of(m), cmd.replyTo());
    }
    if (dup != null) {
      return entity.reject(cmd.replyTo(), Rejection.INVALID,
          "duplicate content (matches memory " + dup + ")");
    }
    commits.enqueue(Flush.Unit.store(List.of(m), cmd.replyTo()));
    startNextCommit();
    return entity.effects().noReply();
  }

  ReplyEffect<NamespaceEvent, NamespaceState> onStoreBatch(
      NamespaceState state, StoreBatch cmd) {
    if (indexBehind()) {
      return busy(cmd.replyTo());
    }
    List<Memory> batch = new ArrayList<>(cmd.specs().size());
    for (StoreSpec spec : cmd.specs()) {
      batch.add(newMemory(spec));
    }
    UUID first = duplicateOf(state, batch.get(0).contentHash());
    if (batch.get(0).id().equals(first) || state.get(batch.get(0).id()) != null) {
      return retried(state, batch, cmd.replyTo());
    }
    Map<String, UUID> inBatch = new HashMap<>();
    for (Memory m : batch) {
      UUID dup = duplicateOf(state, m.contentHash());
      if (dup != null) {
        return entity.reject(cmd.replyTo(), Rejection.INVALID,
            "duplicate content (matches memory " + dup + ")");
      }
      UUID earlier = inBatch.putIfAbsent(m.contentHash(), m.id());
      if (earlier != null) {
        return entity.reject(cmd.replyTo(), Rejection.INVALID,
            "duplicate content (matches batch memory " + earlier + ")");
      }
    }
    commits.enqueue(Flush.Unit.store(batch, cmd.replyTo()));
    startNextCommit();
    return entity.effects().noReply();
  }

  /**
   * A store sent again with the ids of memories already stored (the sender's ask timed out while
   * the first attempt succeeded): answered with the same receipts, nothing stored twice.
   */
  private ReplyEffect<NamespaceEvent, NamespaceState> retried(NamespaceState state,
      List<Memory> memories, ActorRef<StatusReply<Stored>> to) {
    List<Receipt> receipts = new ArrayList<>(memories.size());
    for (Memory m : memories) {
      Memory stored = state.get(m.id());
      if (stored == null) {
        // Still in a commit in flight: its outcome is not known yet.
        return entity.reject(to, MemoryException.busy("this store is still being written; retry",
            200));
      }
      if (!stored.contentHash().equals(m.contentHash())) {
        return entity.reject(to, Rejection.INVALID, "memory id " + m.id() + " is already in use");
      }
      receipts.add(new Receipt(stored.id(), 1));
    }
    return entity.ok(to, new Stored(receipts));
  }

  private boolean indexBehind() {
    return entity.feeder() != null && entity.feeder().lag() > entity.runtime().maxIndexLag();
  }

  private <R> ReplyEffect<NamespaceEvent, NamespaceState> busy(ActorRef<StatusReply<R>> to) {
    return entity.reject(to, MemoryException.busy("indexing is " + entity.feeder().lag()
        + " memories behind; retry shortly", 1000));
  }

  /** The memory, stored or waiting in a commit, with this content hash; or null. */
  UUID duplicateOf(NamespaceState state, String hash) {
    UUID dup = state.duplicateOf(hash);
    return dup != null ? dup : commits.duplicateOf(hash);
  }

  private Memory newMemory(StoreSpec s) {
    Instant at = entity.now();
    UUID id = s.id() != null ? s.id() : ids.next(at.toEpochMilli());
    return Memory.created(id, entity.namespace(), s.content(),
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
      wrapped.put(m.id(), entity.keys().create(m.id()));
    }
    CompletableFuture<Void> written = CompletableFuture.runAsync(
        () -> entity.runtime().keyStore().insertMemoryKeys(entity.namespace(), wrapped), entity.runtime().blocking());
    entity.context().pipeToSelf(written, (ok, failure) -> new KeysWritten(failure));
  }

  ReplyEffect<NamespaceEvent, NamespaceState> onKeysWritten(NamespaceState state,
      KeysWritten k) {
    Flush flush = commits.inFlight();
    if (k.failure() != null) {
      commits.finish();
      entity.keys().discard(flush.ids());
      entity.context().getLog().error("namespace {}: key store write failed: {}", entity.namespace(),
          k.failure().getMessage());
      for (Flush.Unit<?> u : flush.units()) {
        u.fail(MemoryException.unavailable("storage unavailable; retry", 1000));
      }
      startNextCommit();
      return entity.effects().noReply();
    }
    List<NamespaceEvent> events = new ArrayList<>();
    List<List<NamespaceEvent>> extras = new ArrayList<>();
    for (Flush.Unit<?> u : flush.units()) {
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
        flush.units().get(i).succeed(List.of(), extras.get(i));
      }
      startNextCommit();
      return entity.effects().noReply();
    }
    return entity.effects()
        .persist(events)
        .thenRun((NamespaceState s) -> {
          commits.finish();
          List<IndexOp> ops = new ArrayList<>();
          for (int i = 0; i < flush.units().size(); i++) {
            Flush.Unit<?> u = flush.units().get(i);
            List<Receipt> stored = new ArrayList<>(u.memories().size());
            for (Memory m : u.memories()) {
              ops.add(new IndexOp.Put(m, null));
              stored.add(new Receipt(m.id(), m.version()));
            }
            for (NamespaceEvent e : extras.get(i)) {
              Memory now = s.get(e.memoryId());
              if (now != null) {
                ops.add(new IndexOp.Put(now, s.embedding(e.memoryId())));
              }
            }
            u.succeed(stored, extras.get(i));
          }
          entity.feed(ops);
          startNextCommit();
        })
        .thenNoReply();
  }

  /** A memory with this content hash waiting in a commit, or null. */
  UUID pendingDuplicateOf(String hash) {
    return commits.duplicateOf(hash);
  }

  /** A new semantic memory made by learning (not by a client's store). */
  Memory newMemory(Instant at, String content, List<String> tags, MemoryStatus status,
      Double confidence, String source) {
    return Memory.created(ids.next(at.toEpochMilli()), entity.namespace(), content,
        ContentHash.of(content), tags, null, null, MemoryType.SEMANTIC, status, confidence,
        source, at);
  }

  /** Queues a unit for the next group commit. */
  void enqueue(Flush.Unit<?> unit) {
    commits.enqueue(unit);
    startNextCommit();
  }
}
