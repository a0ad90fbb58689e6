package com.memoryoss.shard;

import com.memoryoss.indexer.IndexOp;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.NamespaceCommand.Forget;
import com.memoryoss.protocol.NamespaceEvent;
import com.memoryoss.protocol.NamespaceEvent.MemoryForgotten;
import com.memoryoss.protocol.NamespaceReply;
import com.memoryoss.protocol.Rejection;
import com.memoryoss.protocol.api.Limits;
import com.memoryoss.shard.internal.SelfMessage.KeysShredded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.pattern.StatusReply;

/**
 * The namespace entity's forget: journal the forget events, drop the memories from the index,
 * then delete their content keys (crypto-shredding whatever copies of the sealed events remain)
 * and only then acknowledge. Runs on the entity's thread; key deletion runs on the blocking pool.
 */
final class EntityForgetting {
  private final NamespaceEntity entity;

  EntityForgetting(NamespaceEntity entity) {
    this.entity = entity;
  }

  ReplyEffect<NamespaceEvent, NamespaceState> onForget(NamespaceState state, Forget cmd) {
    List<UUID> doomed = new ArrayList<>();
    if (cmd.spec().byIds()) {
      for (UUID id : new HashSet<>(cmd.spec().ids())) {
        if (state.get(id) != null) {
          doomed.add(id);
        }
      }
    } else if (cmd.spec().filter().isEmpty()) {
      return entity.reject(cmd.replyTo(), Rejection.INVALID, "forget needs ids or a filter");
    } else {
      for (Memory m : state.all()) {
        if (cmd.spec().filter().matches(m)) {
          doomed.add(m.id());
        }
      }
      if (doomed.size() > Limits.MAX_FILTER_FORGET) {
        return entity.reject(cmd.replyTo(), Rejection.INVALID,
            "filter delete matches more than " + Limits.MAX_FILTER_FORGET
                + " memories; narrow the filter or delete by ids");
      }
    }
    if (doomed.isEmpty()) {
      return entity.ok(cmd.replyTo(), new NamespaceReply.Forgotten(0));
    }
    Instant at = entity.now();
    List<NamespaceEvent> events = new ArrayList<>(doomed.size());
    for (UUID id : doomed) {
      events.add(new MemoryForgotten(id, cmd.requestedBy(), at));
    }
    return entity.effects()
        .persist(events)
        .thenRun((NamespaceState s) -> {
          entity.feed(doomed.stream().<IndexOp>map(IndexOp.Remove::new).toList());
          shred(doomed, cmd.replyTo());
        })
        .thenNoReply();
  }

  private void shred(List<UUID> doomed, ActorRef<StatusReply<NamespaceReply.Forgotten>> to) {
    NamespaceRuntime rt = entity.runtime();
    CompletableFuture<Void> deleted = CompletableFuture.runAsync(
        () -> rt.keyStore().deleteMemoryKeys(entity.namespace(), doomed), rt.blocking());
    entity.context().pipeToSelf(deleted,
        (ok, failure) -> new KeysShredded(doomed, doomed.size(), to, failure));
  }

  ReplyEffect<NamespaceEvent, NamespaceState> onKeysShredded(KeysShredded k) {
    if (k.failure() != null) {
      // The forget is journaled; the keys become orphans that the next recovery sweeps.
      entity.context().getLog().error("namespace {}: key deletion failed: {}",
          entity.namespace(), k.failure().getMessage());
      return entity.reject(k.replyTo(), Rejection.UNAVAILABLE,
          "forget recorded but its keys could not be deleted yet; retry");
    }
    entity.keys().discard(k.ids());
    return entity.ok(k.replyTo(), new NamespaceReply.Forgotten(k.deleted()));
  }
}
