package com.memoryoss.gateway.core;

import com.memoryoss.gateway.http.Errors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Hybrid mode's public side of the memory API: {@code /health} answered here (with the core's
 * state), everything under {@code /v1} forwarded unchanged to the core process on loopback. When
 * the core is down the memory API answers 503 — the proxy, served by the gateway itself, keeps
 * working without memory.
 */
public final class CoreRoutes extends AllDirectives {
  private static final Set<String> DROP = Set.of("host", "timeout-access", "remote-address",
      "raw-request-uri", "connection", "transfer-encoding", "content-length", "content-type");

  private final Http http;
  private final ActorSystem<?> system;
  private final String coreBase;
  private final String memoryMode;

  public CoreRoutes(ActorSystem<?> system, String coreBase, String memoryMode) {
    this.http = Http.get(system);
    this.system = system;
    this.coreBase = coreBase;
    this.memoryMode = memoryMode;
  }

  public Route routes() {
    return concat(
        path("health", () -> get(() -> completeWithFuture(health()))),
        pathPrefix("v1", () -> extractRequest(req -> completeWithFuture(forward(req)))));
  }

  private CompletionStage<HttpResponse> health() {
    return http.singleRequest(HttpRequest.GET(coreBase + "/health")).toCompletableFuture()
        .orTimeout(2, TimeUnit.SECONDS)
        .handle((res, failure) -> {
          boolean ok = failure == null && res.status().isSuccess();
          if (res != null) {
            res.discardEntityBytes(system);
          }
          return HttpResponse.create().withEntity(
              org.apache.pekko.http.javadsl.model.ContentTypes.APPLICATION_JSON,
              ("{\"status\":\"ok\",\"mode\":\"hybrid\",\"memory_mode\":\"" + memoryMode
                  + "\",\"core_status\":\"" + (ok ? "ok" : "degraded") + "\"}").getBytes());
        });
  }

  private CompletionStage<HttpResponse> forward(HttpRequest req) {
    List<HttpHeader> headers = new ArrayList<>();
    for (HttpHeader h : req.getHeaders()) {
      if (!DROP.contains(h.lowercaseName())) {
        headers.add(h);
      }
    }
    Uri target = Uri.create(coreBase + req.getUri().path()
        + req.getUri().rawQueryString().map(q -> "?" + q).orElse(""));
    HttpRequest out = HttpRequest.create().withMethod(req.method()).withUri(target)
        .addHeaders(headers).withEntity(req.entity());
    return http.singleRequest(out).toCompletableFuture()
        .orTimeout(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(e -> Errors.json(StatusCodes.SERVICE_UNAVAILABLE,
            "memoryOSS core unavailable; it is restarted automatically, retry shortly"));
  }
}
