package com.memoryoss.shard;

import com.memoryoss.indexer.vector.VectorHit;
import com.memoryoss.protocol.FactSpec;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryStatus;
import com.memoryoss.protocol.NamespaceCommand.Consolidate;
import com.memoryoss.protocol.NamespaceCommand.Feedback;
import com.memoryoss.protocol.NamespaceCommand.Learn;
import com.memoryoss.protocol.NamespaceEvent;
import com.memoryoss.protocol.NamespaceEvent.MemoryRevised;
import com.memoryoss.protocol.NamespaceReply;
import com.memoryoss.protocol.Rejection;
import com.memoryoss.shard.internal.Contradiction;
import com.memoryoss.shard.internal.Flush;
import com.memoryoss.shard.internal.SelfMessage.Clustered;
import com.memoryoss.shard.internal.SelfMessage.LearnProbed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.pattern.StatusReply;

/**
 * The namespace entity's handlers for how memories evolve: learning extracted facts (reinforce,
 * supersede, or quarantine as candidates), feedback, and consolidation. Runs on the entity's
 * thread; the decisions themselves are the pure functions of {@link Learning}.
 */
final class EntityLifecycle {
  private final NamespaceEntity entity;

  EntityLifecycle(NamespaceEntity entity) {
    this.entity = entity;
  }

  // ---------------------------------------------------------------- learn

  ReplyEffect<NamespaceEvent, NamespaceState> onLearn(Learn l) {
    if (entity.feeder() == null || l.facts().isEmpty()) {
      return entity.ok(l.replyTo(), new NamespaceReply.Learned(0, 0, 0));
    }
    List<String> texts = l.facts().stream().map(FactSpec::content).toList();
    entity.context().pipeToSelf(entity.feeder().after(idx -> idx.nearest(texts, 3)),
        (hits, failure) -> new LearnProbed(l, hits, failure));
    return entity.effects().noReply();
  }

  ReplyEffect<NamespaceEvent, NamespaceState> onLearnProbed(NamespaceState state,
      LearnProbed p) {
    Learn l = p.learn();
    if (p.failure() != null) {
      return entity.reject(l.replyTo(), Rejection.UNAVAILABLE, "could not index facts; retry");
    }
    Instant at = entity.now();
    List<Memory> candidates = new ArrayList<>();
    Set<UUID> reinforce = new HashSet<>();
    Map<UUID, UUID> supersede = new LinkedHashMap<>();
    Set<String> hashes = new HashSet<>();
    for (int i = 0; i < l.facts().size(); i++) {
      FactSpec f = Learning.tagged(l.facts().get(i));
      String hash = ContentHash.of(f.content());
      UUID exact = state.duplicateOf(hash);
      if (exact != null) {
        reinforce.add(exact);
        continue;
      }
      if (!hashes.add(hash) || entity.writes().pendingDuplicateOf(hash) != null) {
        continue;
      }
      List<VectorHit> near = p.nearest().get(i).stream()
          .filter(h -> state.get(h.id()) != null && !state.get(h.id()).archived()).toList();
      if (!near.isEmpty() && near.get(0).similarity() >= Learning.REINFORCE_SIMILARITY
          && !Contradiction.between(f.content(), state.get(near.get(0).id()).content())) {
        reinforce.add(near.get(0).id());
        continue;
      }
      Memory m = Learning.candidate(entity.writes().newMemory(at, f.content(), f.tags(),
          MemoryStatus.CANDIDATE, Learning.CANDIDATE_CONFIDENCE, l.source()), l.evidenceId());
      for (VectorHit h : near) {
        Memory old = state.get(h.id());
        if (h.similarity() >= Learning.RELATED_SIMILARITY && old.supersededBy() == null
            && Contradiction.between(f.content(), old.content())) {
          supersede.put(old.id(), m.id());
          m = Learning.contradicting(m, old.id());
        }
      }
      candidates.add(m);
    }
    String evidence = l.evidenceId();
    entity.writes().enqueue(new Flush.Unit<>(candidates, l.replyTo(), s -> {
      List<NamespaceEvent> events = new ArrayList<>();
      for (UUID id : reinforce) {
        Memory m = s.get(id);
        Memory r = m == null ? null : Learning.reinforce(m, evidence, at);
        if (r != null) {
          events.add(new MemoryRevised(r, "reinforced"));
        }
      }
      supersede.forEach((old, by) -> {
        Memory m = s.get(old);
        if (m != null && m.supersededBy() == null) {
          events.add(new MemoryRevised(Learning.superseded(m, by, at), "superseded"));
        }
      });
      return events;
    }, (stored, extra) -> new NamespaceReply.Learned(stored.size(),
        (int) extra.stream().filter(e -> ((MemoryRevised) e).reason().equals("reinforced"))
            .count(),
        (int) extra.stream().filter(e -> ((MemoryRevised) e).reason().equals("superseded"))
            .count())));
    return entity.effects().noReply();
  }

  // ---------------------------------------------------------------- feedback

  ReplyEffect<NamespaceEvent, NamespaceState> onFeedback(NamespaceState state, Feedback f) {
    Memory m = state.get(f.id());
    if (m == null) {
      return entity.reject(f.replyTo(), Rejection.NOT_FOUND, "memory not found");
    }
    Instant at = entity.now();
    List<NamespaceEvent> events = new ArrayList<>();
    switch (f.action()) {
      case CONFIRM, REJECT -> events.add(new MemoryRevised(
          Learning.feedback(m, f.action().wireName(), at), f.action().wireName()));
      case SUPERSEDE -> {
        if (f.supersededBy() == null) {
          return entity.reject(f.replyTo(), Rejection.INVALID,
              "supersede action requires superseded_by");
        }
        if (f.supersededBy().equals(f.id())) {
          return entity.reject(f.replyTo(), Rejection.INVALID, "memory cannot supersede itself");
        }
        Memory by = state.get(f.supersededBy());
        if (by == null) {
          return entity.reject(f.replyTo(), Rejection.NOT_FOUND, "superseding memory not found");
        }
        events.add(new MemoryRevised(Learning.superseded(m, by.id(), at), "supersede"));
        if (by.status() != MemoryStatus.ACTIVE && by.supersededBy() == null) {
          events.add(new MemoryRevised(Learning.feedback(by, "confirm", at), "confirm"));
        }
      }
    }
    List<UUID> ids = events.stream().map(NamespaceEvent::memoryId).toList();
    return entity.effects().persist(events)
        .thenRun((NamespaceState s) -> entity.reindex(s, ids))
        .thenReply(f.replyTo(),
            s -> StatusReply.success(new NamespaceReply.Updated(s.get(f.id()))));
  }

  // ---------------------------------------------------------------- consolidate

  ReplyEffect<NamespaceEvent, NamespaceState> onConsolidate(Consolidate c) {
    if (entity.feeder() == null) {
      return entity.reject(c.replyTo(), Rejection.UNAVAILABLE, "namespace not ready; retry");
    }
    entity.context().pipeToSelf(entity.feeder().after(idx -> idx.clusters(c.threshold(),
        Integer.MAX_VALUE, id -> eligible(idx.memory(id)))),
        (clusters, failure) -> new Clustered(c, clusters, failure));
    return entity.effects().noReply();
  }

  private static boolean eligible(Memory m) {
    return m != null && !m.archived() && m.supersededBy() == null
        && m.status() != MemoryStatus.CONTESTED && m.contradictsWith() == null;
  }

  ReplyEffect<NamespaceEvent, NamespaceState> onClustered(NamespaceState state, Clustered x) {
    Consolidate c = x.consolidate();
    if (x.failure() != null) {
      return entity.reject(c.replyTo(), Rejection.UNAVAILABLE, "consolidation failed; retry");
    }
    int activeBefore = (int) state.all().stream().filter(EntityLifecycle::eligible).count();
    int duplicatesBefore = 0;
    List<NamespaceReply.MergedGroup> groups = new ArrayList<>();
    List<NamespaceEvent> events = new ArrayList<>();
    Instant at = entity.now();
    for (List<UUID> ids : x.clusters()) {
      List<Memory> members = ids.stream().map(state::get).filter(EntityLifecycle::eligible)
          .sorted(Learning::rank).toList();
      if (members.size() < 2) {
        continue;
      }
      duplicatesBefore += members.size() - 1;
      if (groups.size() >= c.maxClusters()) {
        continue;
      }
      Memory kept = members.get(0);
      List<Memory> others = members.subList(1, members.size());
      List<UUID> merged = others.stream().map(Memory::id).toList();
      groups.add(new NamespaceReply.MergedGroup(kept.id(), merged, c.threshold(), kept.id(),
          members.stream().map(Memory::id).toList()));
      if (!c.dryRun()) {
        String fused = Learning.fuse(kept, others);
        events.add(new MemoryRevised(Learning.merged(kept, others, ContentHash.of(fused), fused,
            at), "consolidated"));
        for (Memory o : others) {
          events.add(new MemoryRevised(Learning.archivedInto(o, kept.id(), at), "consolidated"));
        }
      }
    }
    int totalMerged = groups.stream().mapToInt(g -> g.merged().size()).sum();
    int activeAfter = c.dryRun() ? activeBefore : activeBefore - totalMerged;
    double rateBefore = activeBefore == 0 ? 0 : (double) duplicatesBefore / activeBefore;
    double rateAfter = activeAfter == 0 ? 0
        : (double) (duplicatesBefore - (c.dryRun() ? 0 : totalMerged)) / activeAfter;
    var response = new NamespaceReply.Consolidated(groups, totalMerged, 0, activeBefore,
        activeAfter, rateBefore, rateAfter, c.dryRun());
    if (events.isEmpty()) {
      return entity.ok(c.replyTo(), response);
    }
    List<UUID> ids = events.stream().map(NamespaceEvent::memoryId).toList();
    return entity.effects().persist(events)
        .thenRun((NamespaceState s) -> entity.reindex(s, ids))
        .thenReply(c.replyTo(), s -> StatusReply.success(response));
  }
}
