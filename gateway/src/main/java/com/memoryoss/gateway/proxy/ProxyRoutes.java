package com.memoryoss.gateway.proxy;

import com.memoryoss.extractor.ExchangeSink;
import com.memoryoss.gateway.auth.RateLimiter;
import com.memoryoss.protocol.api.MemoryService;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;

/**
 * The LLM gateway under {@code /proxy}: OpenAI Chat Completions and Responses, Anthropic Messages
 * (also at the doubled {@code /v1/v1/} path and with {@code ?beta=true}, as real clients send),
 * models, token counting and a plain passthrough for the rest of {@code /proxy/v1}. Routes only
 * translate: the work of one call is in {@link ProxyCall}.
 */
public final class ProxyRoutes extends AllDirectives {
  static final long MAX_REQUEST_BYTES = 32L * 1024 * 1024;

  private final ProxySettings s;
  private final ProxyAuth auth;
  private final ProxyCall calls;
  private final Upstream upstream;
  private final RateLimiter limiter;

  public ProxyRoutes(ProxySettings settings, MemoryService memoryService, ExchangeSink extraction,
      RateLimiter limiter, ActorSystem<?> system, com.memoryoss.gateway.metrics.Metrics metrics) {
    this.s = settings;
    this.auth = new ProxyAuth(settings);
    this.upstream = new Upstream(system, settings.timeout());
    this.calls = new ProxyCall(settings,
        new ProxyMemory(memoryService, settings, system, Duration.ofSeconds(3)), upstream,
        extraction, metrics);
    ProxyCall.declareCounters(metrics);
    this.limiter = limiter;
  }

  public Route routes() {
    return pathPrefix("proxy", () -> {
      if (!s.enabled()) {
        return complete(ProxyCall.json(StatusCodes.NOT_FOUND,
            ChatCompletions.INSTANCE.error("not_found", "proxy not enabled")));
      }
      return concat(
          head(() -> complete(StatusCodes.OK)),
          path(PathMatchers.segment("v1").slash("chat").slash("completions"),
              () -> post(() -> llm(ChatCompletions.INSTANCE))),
          path(PathMatchers.segment("v1").slash("responses"), () -> concat(
              post(() -> llm(Responses.INSTANCE)),
              // Codex tries the Responses WebSocket first. 426 makes it fall back to HTTP at
              // once (measured: 0.7 s per turn); a 404 or 403 costs ~7 s of retries per turn.
              get(() -> complete(ProxyCall.json(StatusCodes.UPGRADE_REQUIRED,
                  ChatCompletions.INSTANCE.error("invalid_request_error",
                      "the WebSocket transport is not supported here; use HTTP (POST"
                          + " /responses)")))))),
          path(PathMatchers.segment("v1").slash("models"), () -> get(this::models)),
          pathPrefix("anthropic", () -> concat(
              path(PathMatchers.segment("v1").slash("messages"),
                  () -> post(() -> llm(AnthropicMessages.INSTANCE))),
              path(PathMatchers.segment("v1").slash("v1").slash("messages"),
                  () -> post(() -> llm(AnthropicMessages.INSTANCE))),
              path(PathMatchers.segment("v1").slash("messages").slash("count_tokens"),
                  () -> post(this::countTokens)),
              path(PathMatchers.segment("v1").slash("v1").slash("messages").slash("count_tokens"),
                  () -> post(this::countTokens)))),
          pathPrefix("v1", this::passthrough));
    });
  }

  private Route llm(Dialect d) {
    return extractRequest(req -> extractMaterializer(mat -> {
      Optional<ProxyAuth.Identity> who = identify(req, d);
      if (who.isEmpty()) {
        return complete(ProxyCall.json(StatusCodes.UNAUTHORIZED, d.error(
            "authentication_error", "missing or invalid proxy key (use a key from"
                + " [[proxy.key_mapping]], or enable passthrough_auth)")));
      }
      long wait = limiter.acquire(who.get().bucket());
      if (wait > 0) {
        return complete(ProxyCall.json(StatusCodes.TOO_MANY_REQUESTS,
            d.error("rate_limit_error", "rate limit exceeded; retry in " + wait + " ms")));
      }
      CompletionStage<HttpResponse> response = readBody(req, mat)
          .thenCompose(bytes -> calls.run(req, d, who.get(), bytes));
      return completeWithFuture(response.exceptionally(e -> failure(d, e)));
    }));
  }

  private Route countTokens() {
    return extractRequest(req -> extractMaterializer(mat -> {
      Optional<ProxyAuth.Identity> who = identify(req, AnthropicMessages.INSTANCE);
      if (who.isEmpty()) {
        return complete(ProxyCall.json(StatusCodes.UNAUTHORIZED, AnthropicMessages.INSTANCE
            .error("authentication_error", "missing or invalid proxy key")));
      }
      CompletionStage<HttpResponse> response = readBody(req, mat).thenCompose(bytes ->
          calls.forwardRaw(req, s.anthropicUrl() + "/count_tokens"
              + req.getUri().rawQueryString().map(q -> "?" + q).orElse(""), who.get(), bytes));
      return completeWithFuture(response.exceptionally(e -> failure(AnthropicMessages.INSTANCE,
          e)));
    }));
  }

  /** {@code GET /proxy/v1/models}, with {@code models} mirrored from {@code data} for Codex. */
  private Route models() {
    return extractRequest(req -> extractMaterializer(mat -> {
      Optional<ProxyAuth.Identity> who = identify(req, ChatCompletions.INSTANCE);
      if (who.isEmpty()) {
        return complete(ProxyCall.json(StatusCodes.UNAUTHORIZED, ChatCompletions.INSTANCE
            .error("authentication_error", "missing or invalid proxy key")));
      }
      return completeWithFuture(calls.models(req, who.get(), mat)
          .exceptionally(e -> failure(ChatCompletions.INSTANCE, e)));
    }));
  }

  /** Any other {@code /proxy/v1/...}: forwarded as is (no memory), OpenAI-style auth. */
  private Route passthrough() {
    return extractRequest(req -> extractMaterializer(mat -> extractUnmatchedPath(rest -> {
      String path = rest.startsWith("/") ? rest : "/" + rest;
      if (path.contains("..") || path.contains("//")) {
        return complete(ProxyCall.json(StatusCodes.BAD_REQUEST,
            ChatCompletions.INSTANCE.error("invalid_request_error", "invalid path")));
      }
      Optional<ProxyAuth.Identity> who = identify(req, ChatCompletions.INSTANCE);
      if (who.isEmpty()) {
        return complete(ProxyCall.json(StatusCodes.UNAUTHORIZED, ChatCompletions.INSTANCE
            .error("authentication_error", "missing or invalid proxy key")));
      }
      String url = s.upstreamUrl() + path + req.getUri().rawQueryString().map(q -> "?" + q)
          .orElse("");
      CompletionStage<HttpResponse> response = req.method().equals(HttpMethods.GET)
          || req.method().equals(HttpMethods.DELETE)
          ? calls.forwardNoBody(req, url, who.get())
          : readBody(req, mat).thenCompose(bytes -> calls.forwardRaw(req, url, who.get(), bytes));
      return completeWithFuture(response.exceptionally(e -> failure(ChatCompletions.INSTANCE, e)));
    })));
  }

  private Optional<ProxyAuth.Identity> identify(HttpRequest req, Dialect d) {
    InetAddress peer = req.getAttribute(AttributeKeys.remoteAddress)
        .flatMap(RemoteAddress::getAddress).orElse(null);
    Optional<String> xff = req.getHeader("X-Forwarded-For").map(HttpHeader::value);
    Optional<String> authorization = req.getHeader("Authorization").map(HttpHeader::value);
    return d == AnthropicMessages.INSTANCE
        ? auth.anthropic(req.getHeader("x-api-key").map(HttpHeader::value), authorization, peer,
            xff)
        : auth.openAi(authorization, peer, xff);
  }

  /** The body, decompressed (zstd, gzip, deflate) and bounded. */
  private static CompletionStage<byte[]> readBody(HttpRequest req, Materializer mat) {
    return req.entity().withSizeLimit(MAX_REQUEST_BYTES).toStrict(30_000, mat)
        .thenApply(strict -> {
          String enc = req.getHeader("Content-Encoding").map(HttpHeader::value).orElse(null);
          try {
            return RequestBody.decode(strict.getData().toArray(), enc, MAX_REQUEST_BYTES);
          } catch (IOException e) {
            throw new ProxyCall.Refusal(StatusCodes.BAD_REQUEST, "invalid_request_error",
                "cannot decode request body: " + e.getMessage());
          }
        });
  }

  private static HttpResponse failure(Dialect d, Throwable e) {
    Throwable t = e;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof ProxyCall.Refusal r) {
      return ProxyCall.json(r.status(), d.error(r.type(), r.getMessage()));
    }
    if (t instanceof org.apache.pekko.http.scaladsl.model.EntityStreamSizeException) {
      return ProxyCall.json(StatusCodes.PAYLOAD_TOO_LARGE,
          d.error("invalid_request_error", "request body too large"));
    }
    if (t instanceof java.util.concurrent.TimeoutException) {
      return ProxyCall.json(StatusCodes.GATEWAY_TIMEOUT, d.error(
          d == AnthropicMessages.INSTANCE ? "api_error" : "upstream_error",
          "the upstream did not answer in time"));
    }
    return ProxyCall.json(StatusCodes.BAD_GATEWAY, d.error(
        d == AnthropicMessages.INSTANCE ? "api_error" : "upstream_error",
        "upstream request failed: " + (t.getMessage() == null ? t.getClass().getSimpleName()
            : t.getMessage())));
  }
}
