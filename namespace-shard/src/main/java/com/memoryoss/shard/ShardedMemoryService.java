package com.memoryoss.shard;

import com.memoryoss.indexer.QueryEmbeddingCache;
import com.memoryoss.indexer.TrustScorer;
import com.memoryoss.protocol.FactSpec;
import com.memoryoss.protocol.NamespaceCommand;
import com.memoryoss.protocol.NamespaceReply;
import com.memoryoss.protocol.RecallQuery;
import com.memoryoss.protocol.StoreSpec;
import com.memoryoss.protocol.TrustEvidence;
import com.memoryoss.protocol.api.Caller;
import com.memoryoss.protocol.api.ConsolidateRequest;
import com.memoryoss.protocol.api.ConsolidateResponse;
import com.memoryoss.protocol.api.DecayRequest;
import com.memoryoss.protocol.api.DecayResponse;
import com.memoryoss.protocol.api.ExportResponse;
import com.memoryoss.protocol.api.FeedbackRequest;
import com.memoryoss.protocol.api.FeedbackResponse;
import com.memoryoss.protocol.api.ForgetRequest;
import com.memoryoss.protocol.api.ForgetResponse;
import com.memoryoss.protocol.api.IndexHealthResponse;
import com.memoryoss.protocol.api.InspectResponse;
import com.memoryoss.protocol.api.LearnResponse;
import com.memoryoss.protocol.api.ListRequest;
import com.memoryoss.protocol.api.MemoriesResponse;
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
import com.memoryoss.protocol.api.UpdateRequest;
import com.memoryoss.protocol.api.UpdateResponse;
import com.memoryoss.shard.internal.Uuid7;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The {@link MemoryService} over cluster sharding: validates each request (in {@link
 * RequestValidator}, the one place), asks the caller's namespace entity wherever it lives ({@link
 * NamespaceAsks}), and builds the API's response records from the entity's domain results.
 *
 * <p>Stores are given their memory ids here, so that an attempt repeated after a lost answer is
 * recognised by the entity and answered with the same receipt.
 */
public final class ShardedMemoryService implements MemoryService {
  private final RequestValidator validator;
  private final NamespaceAsks asks;
  private final ApiViews views;
  private final Clock clock;
  private final Uuid7 ids = new Uuid7();

  /**
   * @param attemptTimeout how long one ask waits before it is sent again
   * @param askTimeout how long a request may take in all before it is answered 503
   */
  public ShardedMemoryService(
      ClusterSharding sharding,
      RequestValidator validator,
      TrustScorer trust,
      Duration attemptTimeout,
      Duration askTimeout,
      Clock clock,
      QueryEmbeddingCache queryCache) {
    this.validator = validator;
    this.asks = new NamespaceAsks(sharding, attemptTimeout, askTimeout);
    this.views = new ApiViews(trust, clock, queryCache);
    this.clock = clock;
  }

  @Override
  public CompletionStage<StoreResponse> store(Caller caller, StoreRequest request) {
    return run(() -> {
      StoreSpec spec = validator.store(request, caller.subject()).withId(nextId());
      return asks.<NamespaceReply.Stored>retrying(ns(caller),
              to -> new NamespaceCommand.Store(spec, to))
          .thenApply(s -> StoreResponse.of(s.receipts().get(0)));
    });
  }

  @Override
  public CompletionStage<StoreBatchResponse> storeBatch(Caller caller, StoreBatchRequest request) {
    return run(() -> {
      List<StoreSpec> specs = new ArrayList<>();
      for (StoreSpec s : validator.storeBatch(request, caller.subject())) {
        specs.add(s.withId(nextId()));
      }
      return asks.<NamespaceReply.Stored>retrying(ns(caller),
              to -> new NamespaceCommand.StoreBatch(specs, to))
          .thenApply(s -> new StoreBatchResponse(
              s.receipts().stream().map(StoreResponse::of).toList()));
    });
  }

  @Override
  public CompletionStage<RecallResponse> recall(Caller caller, RecallRequest request) {
    return run(() -> recall(caller, validator.recall(request, 0.0)));
  }

  private CompletionStage<RecallResponse> recall(Caller caller, RecallQuery q) {
    return asks.<NamespaceReply.Recalled>retrying(ns(caller),
            to -> new NamespaceCommand.Recall(q, to))
        .thenApply(RecallResponse::of);
  }

  @Override
  public CompletionStage<RecallBatchResponse> recallBatch(
      Caller caller, RecallBatchRequest request) {
    return run(() -> {
      List<CompletableFuture<RecallResponse>> all = new ArrayList<>();
      for (RecallQuery q : validator.recallBatch(request, 0.0)) {
        all.add(recall(caller, q).toCompletableFuture());
      }
      return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
          .thenApply(v -> new RecallBatchResponse(all.stream().map(f -> f.join()).toList()));
    });
  }

  @Override
  public CompletionStage<UpdateResponse> update(Caller caller, UpdateRequest request) {
    return run(() -> {
      var spec = validator.update(request);
      return asks.<NamespaceReply.Updated>retrying(ns(caller),
              to -> new NamespaceCommand.Update(spec, to))
          .thenApply(u -> ApiViews.updated(u.memory()));
    });
  }

  @Override
  public CompletionStage<ForgetResponse> forget(Caller caller, ForgetRequest request) {
    return run(() -> {
      var spec = validator.forget(request);
      return asks.<NamespaceReply.Forgotten>retrying(ns(caller),
              to -> new NamespaceCommand.Forget(spec, caller.subject(), to))
          .thenApply(f -> new ForgetResponse(f.deleted()));
    });
  }

  @Override
  public CompletionStage<MemoriesResponse> list(Caller caller, ListRequest request) {
    return run(() -> {
      var spec = validator.list(request);
      return asks.<NamespaceReply.Listed>retrying(ns(caller),
              to -> new NamespaceCommand.ListMemories(spec, to))
          .thenApply(l -> new MemoriesResponse(caller.namespace(), request.agent(),
              request.session(), l.memories().size(), l.total(), l.memories(), l.nextCursor()));
    });
  }

  @Override
  public CompletionStage<InspectResponse> inspect(Caller caller, UUID id) {
    return run(() -> get(caller, id).thenApply(f -> views.inspection(f.memory(), f.embedded(),
        f.evidence() == null ? TrustEvidence.NEUTRAL : f.evidence())));
  }

  @Override
  public CompletionStage<PeekResponse> peek(Caller caller, UUID id) {
    return run(() -> get(caller, id).thenApply(f -> ApiViews.peek(f.memory())));
  }

  @Override
  public CompletionStage<ExportResponse> export(Caller caller) {
    return run(() -> asks.<NamespaceReply.Exported>retrying(ns(caller),
            NamespaceCommand.Export::new)
        .thenApply(e -> views.export(caller.namespace(), e.memories())));
  }

  @Override
  public CompletionStage<QueryExplainResponse> explain(Caller caller, RecallRequest request) {
    return run(() -> {
      RecallQuery q = validator.recall(request, 0.0);
      return asks.<NamespaceReply.Explained>retrying(ns(caller),
              to -> new NamespaceCommand.Explain(q, to))
          .thenApply(x -> QueryExplainResponse.of(x.explanation()));
    });
  }

  @Override
  public CompletionStage<IndexHealthResponse> indexHealth(Caller caller) {
    return run(() -> stats(caller).thenApply(s -> views.indexHealth(caller.namespace(), s)));
  }

  @Override
  public CompletionStage<FeedbackResponse> feedback(Caller caller, FeedbackRequest request) {
    return run(() -> {
      var f = validator.feedback(request);
      return asks.<NamespaceReply.Updated>retrying(ns(caller),
              to -> new NamespaceCommand.Feedback(f.id(), f.action(), f.supersededBy(), to))
          .thenApply(u -> ApiViews.feedback(u.memory()));
    });
  }

  @Override
  public CompletionStage<ConsolidateResponse> consolidate(Caller caller,
      ConsolidateRequest request) {
    return run(() -> {
      var c = validator.consolidate(request);
      return asks.<NamespaceReply.Consolidated>once(ns(caller),
              to -> new NamespaceCommand.Consolidate(c.threshold(), c.maxClusters(), c.dryRun(),
                  to))
          .thenApply(ConsolidateResponse::of);
    });
  }

  @Override
  public CompletionStage<LearnResponse> learn(Caller caller, List<FactSpec> facts, String source,
      String evidenceId) {
    return run(() -> {
      List<FactSpec> valid = validator.facts(facts, source, evidenceId);
      return asks.<NamespaceReply.Learned>retrying(ns(caller),
              to -> new NamespaceCommand.Learn(valid, source, evidenceId, to))
          .thenApply(l -> new LearnResponse(l.created(), l.reinforced(), l.superseded()));
    });
  }

  @Override
  public CompletionStage<IndexHealthResponse> migrateEmbeddings(Caller caller, String model) {
    return run(() -> {
      String m = validator.model(model);
      return asks.<NamespaceReply.Stats>once(ns(caller),
              to -> new NamespaceCommand.MigrateEmbeddings(m, to))
          .thenCompose(s -> indexHealth(caller));
    });
  }

  @Override
  public CompletionStage<DecayResponse> decay(Caller caller, DecayRequest request) {
    return run(() -> {
      var d = validator.decay(request);
      return asks.<NamespaceReply.Decayed>once(ns(caller),
              to -> new NamespaceCommand.Decay(d.afterDays(), d.dryRun(), to))
          .thenApply(r -> DecayResponse.of(caller.namespace(), r));
    });
  }

  @Override
  public CompletionStage<Integer> recordInjections(Caller caller, List<UUID> ids) {
    return run(() -> {
      List<UUID> valid = validator.injections(ids);
      return asks.<NamespaceReply.InjectionsRecorded>retrying(ns(caller),
              to -> new NamespaceCommand.RecordInjections(valid, to))
          .thenApply(NamespaceReply.InjectionsRecorded::memories);
    });
  }

  @Override
  public CompletionStage<Long> count(Caller caller) {
    return run(() -> stats(caller).thenApply(s -> (long) s.memories()));
  }

  private CompletionStage<NamespaceReply.Stats> stats(Caller caller) {
    return asks.retrying(ns(caller), NamespaceCommand.GetStats::new);
  }

  private CompletionStage<NamespaceReply.Found> get(Caller caller, UUID id) {
    if (id == null) {
      throw com.memoryoss.protocol.MemoryException.invalid("id is required");
    }
    return asks.retrying(ns(caller), to -> new NamespaceCommand.Get(id, to));
  }

  private String ns(Caller caller) {
    return validator.namespace(caller.namespace());
  }

  private synchronized UUID nextId() {
    return ids.next(clock.millis());
  }

  /** Turns synchronous validation failures into failed stages. */
  private static <T> CompletionStage<T> run(Supplier<CompletionStage<T>> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
