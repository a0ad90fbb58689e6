package com.memoryoss.shard;

import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.NamespaceCommand;
import com.memoryoss.protocol.NamespaceCommand.RecordInjections;
import com.memoryoss.protocol.NamespaceEvent;
import com.memoryoss.protocol.NamespaceEvent.MemoryRevised;
import com.memoryoss.protocol.NamespaceReply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.pattern.StatusReply;

/**
 * The namespace entity's handlers for age: the decay sweep (rules in {@link DecayRules}) and the
 * proxy's injection records that reset a memory's idleness. Runs on the entity's thread.
 */
final class EntityDecay {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EntityDecay.class);
  /**
   * Changes journaled by one sweep: the first sweep of a large, long-idle namespace would
   * otherwise be one enormous transaction. The rest waits for the next sweep.
   */
  static final int MAX_CHANGES_PER_SWEEP = 5_000;

  private final NamespaceEntity entity;

  EntityDecay(NamespaceEntity entity) {
    this.entity = entity;
  }

  ReplyEffect<NamespaceEvent, NamespaceState> onDecay(NamespaceState state,
      NamespaceCommand.Decay d) {
    int afterDays = d.afterDays() == null ? entity.runtime().decay().afterDays() : d.afterDays();
    Instant at = entity.now();
    int examined = 0;
    int staled = 0;
    int archived = 0;
    int pending = 0;
    List<NamespaceEvent> events = new ArrayList<>();
    for (Memory m : state.all()) {
      if (m.archived()) {
        continue;
      }
      examined++;
      DecayRules.Step step = DecayRules.step(m, at, afterDays,
          entity.feeder() == null ? null : entity.feeder().index().trustEvidence(m));
      if (step == DecayRules.Step.KEEP) {
        continue;
      }
      if (!d.dryRun() && events.size() == MAX_CHANGES_PER_SWEEP) {
        pending++;
        continue;
      }
      if (step == DecayRules.Step.STALE) {
        staled++;
      } else {
        archived++;
      }
      if (!d.dryRun()) {
        events.add(new MemoryRevised(DecayRules.apply(m, step, at),
            step == DecayRules.Step.STALE ? "stale" : "archived"));
      }
    }
    var response = new NamespaceReply.Decayed(afterDays, examined, staled, archived, pending,
        d.dryRun());
    if (events.isEmpty()) {
      return entity.ok(d.replyTo(), response);
    }
    LOG.info("namespace {}: decay after {} days: {} memories stale, {} archived",
        entity.namespace(), afterDays, staled, archived);
    List<UUID> ids = events.stream().map(NamespaceEvent::memoryId).toList();
    return entity.effects().persist(events)
        .thenRun((NamespaceState s) -> entity.reindex(s, ids))
        .thenReply(d.replyTo(), s -> StatusReply.success(response));
  }

  ReplyEffect<NamespaceEvent, NamespaceState> onRecordInjections(NamespaceState state,
      RecordInjections r) {
    Instant at = entity.now();
    List<NamespaceEvent> events = new ArrayList<>();
    for (UUID id : new LinkedHashSet<>(r.ids())) {
      Memory m = state.get(id);
      if (m != null && !m.archived()) {
        events.add(new MemoryRevised(m.injected(at), "injected"));
      }
    }
    int recorded = events.size();
    if (events.isEmpty()) {
      return entity.ok(r.replyTo(), new NamespaceReply.InjectionsRecorded(0));
    }
    List<UUID> ids = events.stream().map(NamespaceEvent::memoryId).toList();
    return entity.effects().persist(events)
        .thenRun((NamespaceState s) -> entity.reindex(s, ids))
        .thenReply(r.replyTo(),
            s -> StatusReply.success(new NamespaceReply.InjectionsRecorded(recorded)));
  }
}
