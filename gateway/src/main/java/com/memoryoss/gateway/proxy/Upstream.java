package com.memoryoss.gateway.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * Sends proxied requests to the LLM provider. Client headers pass through except those that are
 * hop-by-hop, about the body's framing or encoding (the body may have changed), or credentials
 * (replaced by the upstream credential). Responses are asked for uncompressed, so the proxy can
 * read the answer while forwarding it unchanged.
 */
final class Upstream {
  private static final Set<String> DROP = Set.of("host", "connection", "keep-alive",
      "proxy-connection", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
      "content-length", "content-type", "content-encoding", "accept-encoding", "authorization",
      "x-api-key", "cookie", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto",
      "x-real-ip", "forwarded", "timeout-access", "remote-address", "raw-request-uri");

  /** Upstream response headers a client may see. */
  private static final Set<String> PASS_BACK = Set.of("content-type", "cache-control",
      "retry-after", "x-request-id", "request-id", "openai-processing-ms", "openai-version",
      "x-should-retry", "anthropic-organization-id");

  private final Http http;
  private final Duration timeout;

  Upstream(ActorSystem<?> system, Duration timeout) {
    this.http = Http.get(system);
    this.timeout = timeout;
  }

  /** Client headers fit to forward, plus the upstream credential. */
  static List<HttpHeader> forwardHeaders(Iterable<HttpHeader> client, String bearer,
      String apiKey) {
    List<HttpHeader> out = new ArrayList<>();
    for (HttpHeader h : client) {
      String name = h.lowercaseName();
      if (!DROP.contains(name) && !name.startsWith("x-memory-")) {
        out.add(RawHeader.create(h.name(), h.value()));
      }
    }
    if (bearer != null && !bearer.isEmpty()) {
      out.add(RawHeader.create("Authorization", "Bearer " + bearer));
    }
    if (apiKey != null && !apiKey.isEmpty()) {
      out.add(RawHeader.create("x-api-key", apiKey));
    }
    out.add(RawHeader.create("Accept-Encoding", "identity"));
    return out;
  }

  /** Upstream response headers fit for the client. */
  static List<HttpHeader> responseHeaders(HttpResponse upstream) {
    List<HttpHeader> out = new ArrayList<>();
    for (HttpHeader h : upstream.getHeaders()) {
      String name = h.lowercaseName();
      if (PASS_BACK.contains(name) || name.startsWith("x-ratelimit-")
          || name.startsWith("anthropic-ratelimit-")) {
        out.add(RawHeader.create(h.name(), h.value()));
      }
    }
    return out;
  }

  CompletionStage<HttpResponse> post(String url, List<HttpHeader> headers, byte[] json) {
    HttpRequest req = HttpRequest.POST(url).addHeaders(headers)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, json));
    return send(req);
  }

  CompletionStage<HttpResponse> send(HttpMethod method, String url, List<HttpHeader> headers) {
    return send(HttpRequest.create(url).withMethod(method).addHeaders(headers));
  }

  private CompletionStage<HttpResponse> send(HttpRequest req) {
    return http.singleRequest(req).toCompletableFuture()
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
