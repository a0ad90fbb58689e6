package com.memoryoss.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.memoryoss.protocol.FactSpec;
import com.memoryoss.protocol.MemoryException;
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
import com.memoryoss.protocol.api.InternalApi;
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
import com.memoryoss.protocol.api.StoreBatchRequest;
import com.memoryoss.protocol.api.StoreBatchResponse;
import com.memoryoss.protocol.api.StoreRequest;
import com.memoryoss.protocol.api.StoreResponse;
import com.memoryoss.protocol.api.UpdateRequest;
import com.memoryoss.protocol.api.UpdateResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The {@link MemoryService} of a server reached over its HTTP memory API: the MCP server and the
 * CLI's client commands (with an API key), and the hybrid gateway (with the internal token towards
 * its own core, acting for each caller's namespace). It never opens a database: whatever goes
 * through it gets the server's auth, limits and validation.
 *
 * <p>Contract: non-blocking and thread-safe. Every stage completes with the parsed answer or fails
 * with a {@link MemoryException}: a refusal carries the server's {@code error} message and its
 * {@link Rejection} (with the server's {@code retry_after_ms} for 429 and 503); when no server
 * answers, {@link Rejection#UNAVAILABLE} with a message saying what failed and how to start one.
 * HTTP/1.1 only; redirects are not followed.
 */
public final class HttpMemoryService implements MemoryService {
  private static final java.util.concurrent.Executor EXECUTOR =
      java.util.concurrent.Executors.newThreadPerTaskExecutor(
          Thread.ofVirtual().name("memoryoss-client-", 0).factory());
  private final MemoryEndpoint endpoint;
  private final HttpClient http;

  public HttpMemoryService(MemoryEndpoint endpoint) {
    this.endpoint = endpoint;
    HttpClient.Builder b = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(endpoint.timeout())
        .followRedirects(HttpClient.Redirect.NEVER);
    if (endpoint.sslContext() != null) {
      b.sslContext(endpoint.sslContext());
    }
    this.http = b.build();
  }

  public MemoryEndpoint endpoint() {
    return endpoint;
  }

  /**
   * Waits for a stage of this service and returns its value, or throws its {@link
   * MemoryException} unwrapped: for callers that block (CLI commands, MCP tool calls).
   */
  public static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
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
    StringBuilder q = new StringBuilder("/v1/memories");
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

  /** {@code GET /v1/inspect/{id}} as the server wrote it (every field, for display). */
  public CompletionStage<JsonNode> inspectJson(Caller c, UUID id) {
    return call(c, "GET", "/v1/inspect/" + id, null, JsonNode.class);
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
    return call(c, "POST", InternalApi.LEARN_PATH,
        new InternalApi.LearnRequest(facts, source, evidenceId), LearnResponse.class);
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
    return call(c, "POST", InternalApi.INJECTED_PATH, new InternalApi.InjectedRequest(ids),
        InternalApi.InjectedResponse.class).thenApply(InternalApi.InjectedResponse::recorded);
  }

  @Override
  public CompletionStage<Long> count(Caller c) {
    return health(c).thenApply(h -> h.totalMemories() == null ? 0L : h.totalMemories());
  }

  /** {@code GET /health}, authenticated when the endpoint has a credential. */
  public CompletionStage<HealthResponse> health(Caller c) {
    return call(c, "GET", "/health", null, HealthResponse.class);
  }

  /**
   * True when a memoryOSS server answers {@code GET /health} with its JSON status. Never fails:
   * anything else (nothing listening, another kind of server, TLS mismatch) is false.
   */
  public CompletionStage<Boolean> healthy() {
    return send(null, "GET", "/health", null)
        .thenApply(body -> {
          try {
            return WireJson.MAPPER.readTree(body).hasNonNull("status");
          } catch (IOException e) {
            return false;
          }
        })
        .exceptionally(e -> false);
  }

  private <T> CompletionStage<T> call(Caller c, String method, String path, Object body,
      Class<T> type) {
    return send(c, method, path, body).thenApply(answer -> parse(answer, type));
  }

  private CompletionStage<String> send(Caller c, String method, String path, Object body) {
    HttpRequest request;
    try {
      request = request(c, method, path, body);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    // The blocking send on a virtual thread of our own, not sendAsync: the JDK client completes
    // async exchanges on the common fork-join pool, which one blocked task starves on a 2-core
    // machine (its parallelism is 1 there).
    return CompletableFuture.supplyAsync(() -> {
      HttpResponse<String> res;
      try {
        res = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw Failures.unreachable(endpoint, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Failures.unreachable(endpoint, e);
      }
      if (res.statusCode() / 100 != 2) {
        throw Failures.refused(endpoint, res.statusCode(), res.body());
      }
      return res.body();
    }, EXECUTOR);
  }

  private HttpRequest request(Caller c, String method, String path, Object body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + path))
        .timeout(endpoint.timeout())
        .header("Accept", "application/json");
    if (endpoint.bearer() != null) {
      b.header("Authorization", "Bearer " + endpoint.bearer());
    }
    if (endpoint.internal() && c != null) {
      b.header(InternalApi.NAMESPACE_HEADER, c.namespace())
          .header(InternalApi.SUBJECT_HEADER, c.subject() == null ? "gateway" : c.subject());
    }
    if (body == null) {
      return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    return b.header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofByteArray(write(body))).build();
  }

  private static byte[] write(Object body) {
    try {
      return WireJson.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw MemoryException.invalid("cannot encode the request: " + e.getOriginalMessage());
    }
  }

  private <T> T parse(String body, Class<T> type) {
    try {
      T value = WireJson.MAPPER.readValue(body, type);
      if (value == null) {
        throw new IOException("empty answer");
      }
      return value;
    } catch (IOException e) {
      throw MemoryException.unavailable("unexpected answer from the memoryOSS server at "
          + endpoint.baseUrl(), 0);
    }
  }

  private static void param(StringBuilder q, String name, String value) {
    if (value != null) {
      q.append(q.indexOf("?") < 0 ? '?' : '&').append(name).append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }
}
