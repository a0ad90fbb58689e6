package com.memoryoss.gateway.proxy;

import com.memoryoss.extractor.InjectionFilter;
import com.memoryoss.protocol.MemoryStatus;
import com.memoryoss.protocol.api.Caller;
import com.memoryoss.protocol.api.MemoryService;
import com.memoryoss.protocol.api.RecallRequest;
import com.memoryoss.protocol.api.ScoredMemory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.CircuitBreaker;

/**
 * Decides what memory a proxied request gets: recall for the user's latest question, gate the
 * results (only active, trusted memories safe to inject, above {@code min_recall_score}), and
 * render what fits the model's budget.
 *
 * <p>Fails open: if the memory core is slow, failing or its circuit breaker is open, the answer
 * is "unavailable" with nothing injected, and the request goes upstream unchanged. Thread-safe.
 */
final class ProxyMemory {
  /** Decision reported in {@code x-memory-gate-decision}. */
  enum Decision {
    INJECT, ABSTAIN, NEED_MORE_EVIDENCE, UNAVAILABLE;

    String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The gate's decision and the block to inject, with the ids of the memories it holds. */
  record Outcome(Decision decision, String block, List<UUID> injected) {
    static final Outcome ABSTAIN = new Outcome(Decision.ABSTAIN, "", List.of());
    static final Outcome UNAVAILABLE = new Outcome(Decision.UNAVAILABLE, "", List.of());

    int count() {
      return injected.size();
    }
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProxyMemory.class);
  private static final int QUERY_MAX_CHARS = 2000;
  private static final int RECALL_LIMIT = 10;
  private static final double NEAR_THRESHOLD = 0.03;

  private final MemoryService memory;
  private final ProxySettings settings;
  private final CircuitBreaker breaker;

  ProxyMemory(MemoryService memory, ProxySettings settings, ActorSystem<?> system,
      Duration callTimeout) {
    this.memory = memory;
    this.settings = settings;
    this.breaker = CircuitBreaker.create(system.classicSystem().scheduler(), 5, callTimeout,
        Duration.ofSeconds(10));
  }

  /** Never fails: any problem of the memory core becomes {@link Outcome#UNAVAILABLE}. */
  CompletionStage<Outcome> recall(String namespace, String query, String model, Instant after) {
    if (query.isBlank()) {
      return CompletableFuture.completedFuture(Outcome.ABSTAIN);
    }
    String q = query.length() <= QUERY_MAX_CHARS ? query
        : query.substring(query.length() - QUERY_MAX_CHARS);
    RecallRequest request = new RecallRequest(q, RECALL_LIMIT, null, null, null, null, null,
        "eventual", null, null, after, null, null, null, settings.minChannelScore(),
        settings.diversityFactor(), null);
    Caller caller = new Caller(namespace, "proxy");
    CompletionStage<Outcome> call;
    try {
      call = breaker.callWithCircuitBreakerCS(() -> memory.recall(caller, request))
          .thenApply(r -> gate(r.memories(), model))
          .thenApply(o -> {
            if (!o.injected().isEmpty()) {
              record(caller, o.injected());
            }
            return o;
          });
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(Outcome.UNAVAILABLE);
    }
    return call.exceptionally(e -> Outcome.UNAVAILABLE);
  }

  /**
   * Counts the injection in the background (it resets the memories' idleness for decay). Never
   * delays or fails the request: a lost record only makes a memory look a little idler.
   */
  private void record(Caller caller, List<UUID> ids) {
    try {
      memory.recordInjections(caller, ids).exceptionally(e -> {
        LOG.debug("injection not recorded: {}", e.toString());
        return 0;
      });
    } catch (RuntimeException e) {
      LOG.debug("injection not recorded: {}", e.toString());
    }
  }

  private Outcome gate(List<ScoredMemory> hits, String model) {
    if (hits.isEmpty()) {
      return Outcome.ABSTAIN;
    }
    List<ScoredMemory> qualified = new ArrayList<>();
    for (ScoredMemory s : hits) {
      if (s.score() >= settings.minRecallScore()
          && s.memory().status() == MemoryStatus.ACTIVE && !s.memory().archived()
          && !s.lowTrust() && InjectionFilter.isSafe(s.memory().content())) {
        qualified.add(s);
      }
    }
    if (qualified.isEmpty()) {
      return hits.get(0).score() >= settings.minRecallScore() - NEAR_THRESHOLD
          ? new Outcome(Decision.NEED_MORE_EVIDENCE, "", List.of()) : Outcome.ABSTAIN;
    }
    long budget = (long) (ModelContext.tokens(model, settings.modelContextSizes())
        * settings.maxMemoryPct());
    MemoryBlock.Rendered r = MemoryBlock.render(qualified, budget);
    return r.count() == 0 ? Outcome.ABSTAIN : new Outcome(Decision.INJECT, r.text(), r.ids());
  }
}
