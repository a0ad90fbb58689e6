package com.memoryoss.gateway.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.memoryoss.gateway.http.Json;
import com.memoryoss.protocol.FactSpec;
import com.memoryoss.protocol.Rejection;
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
import com.memoryoss.protocol.api.HealthResponse;
import com.memoryoss.protocol.api.IndexHealthResponse;
import com.memoryoss.protocol.api.InspectResponse;
import com.memoryoss.protocol.api.LearnResponse;
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
import com.memoryoss.protocol.api.StoreBatchRequest;
import com.memoryoss.protocol.api.StoreBatchResponse;
import com.memoryoss.protocol.api.StoreRequest;
import com.memoryoss.protocol.api.StoreResponse;
import com.memoryoss.protocol.api.UpdateRequest;
import com.memoryoss.protocol.api.UpdateResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The {@link MemoryService} of a memory core in another process (hybrid mode), over its HTTP API
 * on loopback. Calls act for a caller's namespace with the internal gateway token, which only
 * the gateway and its core know. An unreachable core fails calls with {@link
 * Rejection#UNAVAILABLE}.
 */
public final class HttpMemoryService implements MemoryService {
  public static final String NAMESPACE_HEADER = "X-Memoryoss-Namespace";
  public static final String SUBJECT_HEADER = "X-Memoryoss-Subject";

  private final String base;
  private final String token;
  private final Duration timeout;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();

  public HttpMemoryService(String base, String internalToken, Duration timeout) {
    this.base = base;
    this.token = internalToken;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<StoreResponse> store(Caller c, StoreRequest r) {
    return call(c, "POST", "/v1/store", r, StoreResponse.class);
  }

  @Override
  public CompletionStage<StoreBatchResponse> storeBatch(Caller c, StoreBatchRequest r) {
    return call(c, "POST", "/v1/store/batch", r, StoreBatchResponse.class);
  }

  @Override
  public CompletionStage<RecallResponse> recall(Caller c, RecallRequest r) {
    return call(c, "POST", "/v1/recall", r, RecallResponse.class);
  }

  @Override
  public CompletionStage<RecallBatchResponse> recallBatch(Caller c, RecallBatchRequest r) {
    return call(c, "POST", "/v1/recall/batch", r, RecallBatchResponse.class);
  }

  @Override
  public CompletionStage<UpdateResponse> update(Caller c, UpdateRequest r) {
    return call(c, "PATCH", "/v1/update", r, UpdateResponse.class);
  }

  @Override
  public CompletionStage<ForgetResponse> forget(Caller c, ForgetRequest r) {
    return call(c, "DELETE", "/v1/forget", r, ForgetResponse.class);
  }

  @Override
  public CompletionStage<MemoriesResponse> list(Caller c, ListRequest r) {
    StringBuilder q = new StringBuilder("/v1/memories?x=1");
    param(q, "agent", r.agent());
    param(q, "session", r.session());
    param(q, "limit", r.limit() == null ? null : r.limit().toString());
    param(q, "cursor", r.cursor());
    return call(c, "GET", q.toString(), null, MemoriesResponse.class);
  }

  @Override
  public CompletionStage<InspectResponse> inspect(Caller c, UUID id) {
    return call(c, "GET", "/v1/inspect/" + id, null, InspectResponse.class);
  }

  @Override
  public CompletionStage<PeekResponse> peek(Caller c, UUID id) {
    return call(c, "GET", "/v1/peek/" + id, null, PeekResponse.class);
  }

  @Override
  public CompletionStage<ExportResponse> export(Caller c) {
    return call(c, "GET", "/v1/export", null, ExportResponse.class);
  }

  @Override
  public CompletionStage<QueryExplainResponse> explain(Caller c, RecallRequest r) {
    return call(c, "POST", "/v1/admin/query-explain", r, QueryExplainResponse.class);
  }

  @Override
  public CompletionStage<IndexHealthResponse> indexHealth(Caller c) {
    return call(c, "GET", "/v1/admin/index-health", null, IndexHealthResponse.class);
  }

  @Override
  public CompletionStage<FeedbackResponse> feedback(Caller c, FeedbackRequest r) {
    return call(c, "POST", "/v1/feedback", r, FeedbackResponse.class);
  }

  @Override
  public CompletionStage<ConsolidateResponse> consolidate(Caller c, ConsolidateRequest r) {
    return call(c, "POST", "/v1/consolidate", r, ConsolidateResponse.class);
  }

  @Override
  public CompletionStage<LearnResponse> learn(Caller c, List<FactSpec> facts, String source,
      String evidenceId) {
    return call(c, "POST", "/v1/internal/learn",
        Map.of("facts", facts, "source", source, "evidence_id", evidenceId),
        LearnResponse.class);
  }

  @Override
  public CompletionStage<IndexHealthResponse> migrateEmbeddings(Caller c, String model) {
    return call(c, "POST", "/v1/admin/migrate-embeddings", Map.of("model", model),
        IndexHealthResponse.class);
  }

  @Override
  public CompletionStage<DecayResponse> decay(Caller c, DecayRequest r) {
    return call(c, "POST", "/v1/admin/decay", r, DecayResponse.class);
  }

  @Override
  public CompletionStage<Integer> recordInjections(Caller c, List<UUID> ids) {
    return call(c, "POST", "/v1/internal/injected", Map.of("ids", ids),
        InjectedResponse.class).thenApply(InjectedResponse::recorded);
  }

  /** Answer of the internal injection record. */
  public record InjectedResponse(int recorded) {}

  @Override
  public CompletionStage<Long> count(Caller c) {
    return call(c, "GET", "/health", null, HealthResponse.class)
        .thenApply(h -> h.totalMemories() == null ? 0L : h.totalMemories());
  }

  private <T> CompletionStage<T> call(Caller c, String method, String path, Object body,
      Class<T> type) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
        .header("Authorization", "Bearer " + token)
        .header(NAMESPACE_HEADER, c.namespace())
        .header(SUBJECT_HEADER, c.subject() == null ? "gateway" : c.subject());
    if (body != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.write(body)));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray())
        .handle((res, failure) -> {
          if (failure != null) {
            throw new MemoryException(Rejection.UNAVAILABLE, "memory core unavailable; retry");
          }
          if (res.statusCode() == 200) {
            try {
              return Json.MAPPER.readValue(res.body(), type);
            } catch (java.io.IOException e) {
              throw new MemoryException(Rejection.UNAVAILABLE, "unreadable answer from the core");
            }
          }
          throw new MemoryException(reason(res.statusCode()), message(res.body()));
        });
  }

  private static Rejection reason(int status) {
    return switch (status) {
      case 400, 413, 415 -> Rejection.INVALID;
      case 401 -> Rejection.UNAUTHORIZED;
      case 403 -> Rejection.FORBIDDEN;
      case 404 -> Rejection.NOT_FOUND;
      case 429 -> Rejection.BUSY;
      default -> Rejection.UNAVAILABLE;
    };
  }

  private static String message(byte[] body) {
    try {
      JsonNode n = Json.MAPPER.readTree(body);
      return n.path("error").asText("memory core error");
    } catch (java.io.IOException e) {
      return "memory core error";
    }
  }

  private static void param(StringBuilder q, String name, String value) {
    if (value != null) {
      q.append('&').append(name).append('=').append(URLEncoder.encode(value,
          StandardCharsets.UTF_8));
    }
  }
}
