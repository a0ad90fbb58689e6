package com.memoryoss.shard;

import com.memoryoss.indexer.Recaller;
import com.memoryoss.shard.internal.IndexFeeder;
import com.memoryoss.protocol.ListSpec;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.NamespaceReply;
import com.memoryoss.protocol.RecallQuery;
import com.memoryoss.protocol.RecallWeights;
import com.memoryoss.protocol.MemoryException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * The read-only answers of a namespace entity. Recalls run off the entity's thread, against the
 * index (its read model); with strong consistency they first wait until the index covers every
 * write acknowledged before them. Get, list, export and stats answer from the state and throw
 * {@link MemoryException} to refuse.
 */
final class NamespaceQueries {
  private final Recaller recaller;
  private final IndexFeeder feeder;
  private final Executor executor;
  private final String namespace;
  private final RecallWeights defaults;
  private final Duration strongWait;

  /**
   * @param strongWait how long a strong recall waits for the index before it is answered "busy"
   *     (429) rather than left to the caller's ask timeout (a bare 503)
   */
  NamespaceQueries(Recaller recaller, IndexFeeder feeder, Executor executor, String namespace,
      RecallWeights defaults, Duration strongWait) {
    this.recaller = recaller;
    this.feeder = feeder;
    this.executor = executor;
    this.namespace = namespace;
    this.defaults = defaults;
    this.strongWait = strongWait;
  }

  /** Answers {@code to} later, from the recall executor. Called on the entity's thread. */
  void recall(RecallQuery q, Instant now, ActorRef<StatusReply<NamespaceReply.Recalled>> to) {
    answer(q, to, () -> recaller.recall(q, feeder.index(), now));
  }

  void explain(RecallQuery q, Instant now, ActorRef<StatusReply<NamespaceReply.Explained>> to) {
    long lag = feeder.lag();
    answer(q, to, () -> new NamespaceReply.Explained(
        recaller.explain(q, feeder.index(), now, namespace, lag, defaults)));
  }

  private <R> void answer(RecallQuery q, ActorRef<StatusReply<R>> to, Supplier<R> body) {
    CompletableFuture<Void> ready = q.strong()
        ? feeder.barrier().orTimeout(strongWait.toMillis(), TimeUnit.MILLISECONDS)
        : CompletableFuture.completedFuture(null);
    ready.thenApplyAsync(v -> body.get(), executor).whenComplete((reply, failure) -> {
      if (failure == null) {
        to.tell(StatusReply.success(reply));
      } else if (failure.getCause() instanceof TimeoutException) {
        to.tell(StatusReply.error(MemoryException.busy("the index is " + feeder.lag()
            + " memories behind; retry shortly, or recall with consistency \"eventual\"",
            1000)));
      } else if (failure.getCause() instanceof MemoryException e) {
        to.tell(StatusReply.error(e));
      } else {
        org.slf4j.LoggerFactory.getLogger(NamespaceQueries.class)
            .error("namespace {}: recall failed: {}", namespace,
                failure.getCause() == null ? failure : failure.getCause().getClass().getName());
        to.tell(StatusReply.error(MemoryException.unavailable("recall failed; retry", 1000)));
      }
    });
  }

  NamespaceReply.Found get(NamespaceState state, UUID id) {
    Memory m = state.get(id);
    if (m == null) {
      throw MemoryException.notFound("memory not found");
    }
    return new NamespaceReply.Found(m, state.embedding(id) != null,
        feeder.index().trustEvidence(m));
  }

  /** Newest first; the cursor is the id of the last memory of the previous page. */
  NamespaceReply.Listed list(NamespaceState state, ListSpec spec) {
    UUID after = null;
    if (spec.cursor() != null) {
      try {
        after = UUID.fromString(spec.cursor());
      } catch (IllegalArgumentException e) {
        throw MemoryException.invalid("invalid cursor");
      }
    }
    List<Memory> page = new ArrayList<>(Math.min(spec.limit(), 256));
    int total = 0;
    boolean more = false;
    for (Memory m : state.newestFirst()) {
      if (m.archived() || !spec.filter().matches(m)) {
        continue;
      }
      total++;
      if (after != null && m.id().compareTo(after) >= 0) {
        continue;
      }
      if (page.size() < spec.limit()) {
        page.add(m);
      } else {
        more = true;
      }
    }
    String next = more ? page.get(page.size() - 1).id().toString() : null;
    return new NamespaceReply.Listed(page, total, next);
  }

  NamespaceReply.Exported export(NamespaceState state) {
    List<Memory> all = new ArrayList<>(state.size());
    for (Memory m : state.all()) {
      if (!m.archived()) {
        all.add(m);
      }
    }
    return new NamespaceReply.Exported(all);
  }

  NamespaceReply.Stats stats(NamespaceState state, NamespaceReply.Migration migration) {
    var index = feeder.index();
    String model = index.embedder() == null ? IndexFactory.NONE : index.embedder().modelId();
    int embedded = 0;
    for (Memory m : state.all()) {
      if (state.embedding(m.id()) != null && model.equals(state.embeddingModel())) {
        embedded++;
      }
    }
    return new NamespaceReply.Stats(state.size(), feeder.lag(), feeder.submitted(),
        feeder.applied(), model, index.vectors() == null ? 0 : index.vectors().size(), embedded,
        migration);
  }
}
