package com.memoryoss.shard;

import com.memoryoss.indexer.QueryEmbeddingCache;
import com.memoryoss.indexer.TrustScorer;
import com.memoryoss.protocol.FactSpec;
import com.memoryoss.protocol.ForgetSpec;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryStatus;
import com.memoryoss.protocol.NamespaceCommand;
import com.memoryoss.protocol.NamespaceProtocol;
import com.memoryoss.protocol.NamespaceReply;
import com.memoryoss.protocol.RecallQuery;
import com.memoryoss.protocol.Rejection;
import com.memoryoss.protocol.StoreSpec;
import com.memoryoss.protocol.api.Caller;
import com.memoryoss.protocol.api.ConsolidateRequest;
import com.memoryoss.protocol.api.ConsolidateResponse;
import com.memoryoss.protocol.api.DecayRequest;
import com.memoryoss.protocol.api.DecayResponse;
import com.memoryoss.protocol.api.ExportResponse;
import com.memoryoss.protocol.api.FeedbackRequest;
import com.memoryoss.protocol.api.FeedbackResponse;
import com.memoryoss.protocol.api.LearnResponse;
import com.memoryoss.protocol.api.ForgetRequest;
import com.memoryoss.protocol.api.ForgetResponse;
import com.memoryoss.protocol.api.IndexHealthResponse;
import com.memoryoss.protocol.api.InspectResponse;
import com.memoryoss.protocol.api.ListRequest;
import com.memoryoss.protocol.api.MemoriesResponse;
import com.memoryoss.protocol.api.MemoryException;
import com.memoryoss.protocol.api.MemoryService;
import com.memoryoss.protocol.api.PeekResponse;
import com.memoryoss.protocol.api.QueryExplainResponse;
import com.memoryoss.protocol.api.RecallBatchRequest;
import com.memoryoss.protocol.api.RecallBatchResponse;
import com.memoryoss.protocol.api.RecallRequest;
import com.memoryoss.protocol.api.RecallResponse;
import com.memoryoss.protocol.api.RequestValidator;
import com.memoryoss.protocol.api.StoreBatchRequest;
import com.memoryoss.protocol.api.StoreBatchResponse;
import com.memoryoss.protocol.api.StoreRequest;
import com.memoryoss.protocol.api.StoreResponse;
import com.memoryoss.protocol.api.TrustEvidence;
import com.memoryoss.protocol.api.TrustSignals;
import com.memoryoss.protocol.api.UpdateRequest;
import com.memoryoss.protocol.api.UpdateResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.AskTimeoutException;

/**
 * The {@link MemoryService} of this node: validates requests, asks the caller's namespace entity
 * through cluster sharding, and shapes the replies for the API.
 *
 * <p>A namespace that does not answer within the ask timeout fails the request with {@link
 * Rejection#UNAVAILABLE}: the write may or may not have happened, and the caller may retry.
 */
public final class ShardedMemoryService implements MemoryService {
  private final ClusterSharding sharding;
  private final RequestValidator validator;
  private final TrustScorer trust;
  private final Duration timeout;
  private final Clock clock;
  private final QueryEmbeddingCache queryCache;

  public ShardedMemoryService(
      ClusterSharding sharding,
      RequestValidator validator,
      TrustScorer trust,
      Duration askTimeout,
      Clock clock,
      QueryEmbeddingCache queryCache) {
    this.sharding = sharding;
    this.validator = validator;
    this.trust = trust;
    this.timeout = askTimeout;
    this.clock = clock;
    this.queryCache = queryCache;
  }

  @Override
  public CompletionStage<StoreResponse> store(Caller caller, StoreRequest request) {
    return run(() -> {
      StoreSpec spec = validator.store(request, caller.subject());
      return ask(caller, to -> new NamespaceCommand.Store(spec, to), NamespaceReply.Stored.class)
          .thenApply(s -> s.stored().get(0));
    });
  }

  @Override
  public CompletionStage<StoreBatchResponse> storeBatch(Caller caller, StoreBatchRequest request) {
    return run(() -> {
      List<StoreSpec> specs = validator.storeBatch(request, caller.subject());
      return ask(caller, to -> new NamespaceCommand.StoreBatch(specs, to),
          NamespaceReply.Stored.class)
          .thenApply(s -> new StoreBatchResponse(s.stored()));
    });
  }

  @Override
  public CompletionStage<RecallResponse> recall(Caller caller, RecallRequest request) {
    return run(() -> {
      RecallQuery q = validator.recall(request, 0.0);
      return ask(caller, to -> new NamespaceCommand.Recall(q, to), NamespaceReply.Recalled.class)
          .thenApply(NamespaceReply.Recalled::response);
    });
  }

  @Override
  public CompletionStage<RecallBatchResponse> recallBatch(
      Caller caller, RecallBatchRequest request) {
    return run(() -> {
      if (request == null || request.queries() == null || request.queries().isEmpty()) {
        throw MemoryException.invalid("queries array must not be empty");
      }
      if (request.queries().size() > com.memoryoss.protocol.api.Limits.MAX_BATCH_RECALL) {
        throw MemoryException.invalid("batch recall limited to "
            + com.memoryoss.protocol.api.Limits.MAX_BATCH_RECALL + " queries");
      }
      List<RecallQuery> queries = new ArrayList<>();
      for (int i = 0; i < request.queries().size(); i++) {
        try {
          queries.add(validator.recall(request.queries().get(i), 0.0));
        } catch (MemoryException e) {
          throw MemoryException.invalid("queries[" + i + "]: " + e.getMessage());
        }
      }
      List<CompletableFuture<RecallResponse>> all = new ArrayList<>();
      for (RecallQuery q : queries) {
        all.add(ask(caller, to -> new NamespaceCommand.Recall(q, to),
            NamespaceReply.Recalled.class)
            .thenApply(NamespaceReply.Recalled::response)
            .toCompletableFuture());
      }
      return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
          .thenApply(v -> new RecallBatchResponse(all.stream().map(f -> f.join()).toList()));
    });
  }

  @Override
  public CompletionStage<UpdateResponse> update(Caller caller, UpdateRequest request) {
    return run(() -> {
      var spec = validator.update(request);
      return ask(caller, to -> new NamespaceCommand.Update(spec, to),
          NamespaceReply.Updated.class)
          .thenApply(u -> {
            Memory m = u.memory();
            return new UpdateResponse(m.id(), m.version(), m.updatedAt(), m.status(),
                m.eligibleForInjection(), m.contradictsWith());
          });
    });
  }

  @Override
  public CompletionStage<ForgetResponse> forget(Caller caller, ForgetRequest request) {
    return run(() -> {
      ForgetSpec spec = validator.forget(request);
      return ask(caller, to -> new NamespaceCommand.Forget(spec, caller.subject(), to),
          NamespaceReply.Forgotten.class)
          .thenApply(f -> new ForgetResponse(f.deleted()));
    });
  }

  @Override
  public CompletionStage<MemoriesResponse> list(Caller caller, ListRequest request) {
    return run(() -> {
      var spec = validator.list(request);
      return ask(caller, to -> new NamespaceCommand.ListMemories(spec, to),
          NamespaceReply.Listed.class)
          .thenApply(l -> new MemoriesResponse(caller.namespace(), request.agent(),
              request.session(), l.memories().size(), l.total(), l.memories(), l.nextCursor()));
    });
  }

  @Override
  public CompletionStage<InspectResponse> inspect(Caller caller, UUID id) {
    return run(() -> ask(caller, to -> new NamespaceCommand.Get(id, to),
        NamespaceReply.Found.class).thenApply(f -> inspection(f.memory(), f.embedded(),
            f.evidence() == null ? TrustEvidence.NEUTRAL : f.evidence())));
  }

  @Override
  public CompletionStage<PeekResponse> peek(Caller caller, UUID id) {
    return run(() -> get(caller, id).thenApply(m -> new PeekResponse(m.id(), m.agent(),
        m.session(), m.namespace(), m.tags(), m.memoryType(), m.createdAt(), m.updatedAt(),
        m.contentBytes())));
  }

  @Override
  public CompletionStage<ExportResponse> export(Caller caller) {
    return run(() -> ask(caller, NamespaceCommand.Export::new, NamespaceReply.Exported.class)
        .thenApply(e -> {
          List<ExportResponse.ExportedMemory> out = new ArrayList<>(e.memories().size());
          for (Memory m : e.memories()) {
            out.add(new ExportResponse.ExportedMemory(m.id(), m.content(), m.tags(), m.agent(),
                m.session(), m.namespace(), m.memoryType(), m.status(), m.version(),
                m.createdAt(), m.updatedAt(), m.sourceKey(), m.contentHash(), m.confidence(),
                m.evidenceCount(), m.lastVerifiedAt(), m.supersededBy(), m.derivedFrom()));
          }
          return new ExportResponse(ExportResponse.RuntimeContract.CURRENT, caller.namespace(),
              clock.instant(), out.size(), out);
        }));
  }

  @Override
  public CompletionStage<QueryExplainResponse> explain(Caller caller, RecallRequest request) {
    return run(() -> {
      RecallQuery q = validator.recall(request, 0.0);
      return ask(caller, to -> new NamespaceCommand.Explain(q, to),
          NamespaceReply.Explained.class)
          .thenApply(NamespaceReply.Explained::explain);
    });
  }

  @Override
  public CompletionStage<IndexHealthResponse> indexHealth(Caller caller) {
    return run(() -> ask(caller, NamespaceCommand.GetStats::new, NamespaceReply.Stats.class)
        .thenApply(s -> {
          long[] c = queryCache.stats();
          String status = s.indexLag() == 0 ? "healthy"
              : s.indexLag() < 100 ? "catching_up" : "behind";
          return new IndexHealthResponse(caller.namespace(), status, s.indexLag(), s.written(),
              s.applied(), s.applied(), s.memories(), s.model(), s.vectors(), s.embedded(),
              new IndexHealthResponse.EmbeddingCache(c[0], c[1], c[2], c[3]),
              s.migration() == null ? null : new IndexHealthResponse.Migration(
                  s.migration().model(), s.migration().done(), s.migration().total()));
        }));
  }

  @Override
  public CompletionStage<FeedbackResponse> feedback(Caller caller, FeedbackRequest request) {
    return run(() -> {
      if (request == null || request.id() == null) {
        throw MemoryException.invalid("id is required");
      }
      if (request.action() == null) {
        throw MemoryException.invalid("action must be confirm, reject or supersede");
      }
      return ask(caller, to -> new NamespaceCommand.Feedback(request.id(), request.action(),
          request.supersededBy(), to), NamespaceReply.Updated.class)
          .thenApply(u -> {
            Memory m = u.memory();
            return new FeedbackResponse(m.id(), m.status(), m.confidence(), m.evidenceCount(),
                m.lastVerifiedAt(), m.supersededBy(), m.contradictsWith(), m.injectionCount(),
                m.reuseCount(), m.confirmCount(), m.rejectCount(), m.supersedeCount());
          });
    });
  }

  @Override
  public CompletionStage<ConsolidateResponse> consolidate(Caller caller,
      ConsolidateRequest request) {
    return run(() -> {
      double threshold = request == null || request.threshold() == null ? 0.9
          : request.threshold();
      if (Double.isNaN(threshold) || threshold < 0 || threshold > 1) {
        throw MemoryException.invalid("threshold must be between 0.0 and 1.0");
      }
      int max = request == null || request.maxClusters() == null ? 50 : request.maxClusters();
      if (max < 1) {
        throw MemoryException.invalid("max_clusters must be at least 1");
      }
      boolean dry = request != null && Boolean.TRUE.equals(request.dryRun());
      return ask(caller, to -> new NamespaceCommand.Consolidate(threshold, max, dry, to),
          NamespaceReply.Consolidated.class).thenApply(NamespaceReply.Consolidated::response);
    });
  }

  @Override
  public CompletionStage<LearnResponse> learn(Caller caller, List<FactSpec> facts, String source,
      String evidenceId) {
    return run(() -> ask(caller, to -> new NamespaceCommand.Learn(facts, source, evidenceId, to),
        NamespaceReply.Learned.class)
        .thenApply(l -> new LearnResponse(l.created(), l.reinforced(), l.superseded())));
  }

  @Override
  public CompletionStage<IndexHealthResponse> migrateEmbeddings(Caller caller, String model) {
    return run(() -> ask(caller, to -> new NamespaceCommand.MigrateEmbeddings(model, to),
        NamespaceReply.Stats.class).thenCompose(s -> indexHealth(caller)));
  }

  @Override
  public CompletionStage<DecayResponse> decay(Caller caller, DecayRequest request) {
    return run(() -> {
      Integer afterDays = request == null ? null : request.afterDays();
      if (afterDays != null && afterDays < 0) {
        throw MemoryException.invalid("after_days must be at least 0");
      }
      boolean dry = request != null && Boolean.TRUE.equals(request.dryRun());
      return ask(caller, to -> new NamespaceCommand.Decay(afterDays, dry, to),
          NamespaceReply.Decayed.class).thenApply(NamespaceReply.Decayed::response);
    });
  }

  @Override
  public CompletionStage<Integer> recordInjections(Caller caller, List<UUID> ids) {
    return run(() -> {
      if (ids == null || ids.isEmpty() || ids.size() > 1000) {
        throw MemoryException.invalid("ids must hold 1 to 1000 memory ids");
      }
      return ask(caller, to -> new NamespaceCommand.RecordInjections(List.copyOf(ids), to),
          NamespaceReply.InjectionsRecorded.class)
          .thenApply(NamespaceReply.InjectionsRecorded::memories);
    });
  }

  @Override
  public CompletionStage<Long> count(Caller caller) {
    return run(() -> ask(caller, NamespaceCommand.GetStats::new, NamespaceReply.Stats.class)
        .thenApply(s -> (long) s.memories()));
  }

  private CompletionStage<Memory> get(Caller caller, UUID id) {
    return ask(caller, to -> new NamespaceCommand.Get(id, to), NamespaceReply.Found.class)
        .thenApply(NamespaceReply.Found::memory);
  }

  private InspectResponse inspection(Memory m, boolean embedded, TrustEvidence evidence) {
    Instant now = clock.instant();
    TrustScorer.Assessment assessed = trust.assess(m, now, evidence);
    TrustSignals signals = assessed.signals();
    double score = assessed.score();
    double ageHours = Duration.between(m.createdAt(), now).toMillis() / 3_600_000.0;
    String queue = reviewQueue(m);
    String action = switch (queue == null ? "none" : queue) {
      case "candidate", "none" -> "confirm";
      default -> m.contradictsWith() != null || m.supersededBy() != null ? "supersede" : "reject";
    };
    int contradictions = m.contradictsWith() == null ? 0 : m.contradictsWith().size();
    return new InspectResponse(m, contradictions, embedded, score, assessed.low(),
        assessed.high(), signals,
        trust.isLow(score), ageHours, m.eligibleForInjection(), queue, action);
  }

  private static String reviewQueue(Memory m) {
    if (m.archived()) {
      return null;
    }
    if (m.rejectCount() > 0 && m.status() != MemoryStatus.ACTIVE) {
      return "rejected";
    }
    return switch (m.status()) {
      case CANDIDATE -> "candidate";
      case CONTESTED -> "contested";
      default -> null;
    };
  }

  private <R extends NamespaceReply> CompletionStage<R> ask(
      Caller caller, Function<ActorRef<NamespaceReply>, NamespaceCommand> command,
      Class<R> expected) {
    String ns = validator.namespace(caller.namespace());
    return sharding.entityRefFor(NamespaceProtocol.ENTITY_TYPE_KEY, ns)
        .<NamespaceReply>ask(command::apply, timeout)
        .handle((reply, failure) -> {
          if (failure != null) {
            throw unavailable(failure);
          }
          if (reply instanceof NamespaceReply.Rejected r) {
            throw new MemoryException(r.reason(), r.message());
          }
          if (!expected.isInstance(reply)) {
            throw new IllegalStateException("unexpected reply " + reply.getClass().getName());
          }
          return expected.cast(reply);
        });
  }

  private static RuntimeException unavailable(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof AskTimeoutException || cause instanceof TimeoutException) {
      return new MemoryException(Rejection.UNAVAILABLE,
          "memory core did not answer in time; retry");
    }
    return new MemoryException(Rejection.UNAVAILABLE, "memory core unavailable; retry");
  }

  /** Turns synchronous validation failures into failed stages. */
  private static <T> CompletionStage<T> run(java.util.function.Supplier<CompletionStage<T>> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
