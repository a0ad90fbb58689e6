package com.memoryoss.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.memoryoss.extractor.Exchange;
import com.memoryoss.extractor.ExchangeSink;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied LLM call: resolve the memory mode, recall and inject, forward, relay the answer
 * (streamed as it arrives, or whole), and hand the finished exchange to extraction. Prompt and
 * answer content is never logged.
 */
final class ProxyCall {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyCall.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProxySettings s;
  private final ProxyMemory memory;
  private final Upstream upstream;
  private final ExchangeSink extraction;
  private final com.memoryoss.gateway.metrics.Metrics metrics;

  ProxyCall(ProxySettings s, ProxyMemory memory, Upstream upstream, ExchangeSink extraction,
      com.memoryoss.gateway.metrics.Metrics metrics) {
    this.s = s;
    this.memory = memory;
    this.upstream = upstream;
    this.extraction = extraction;
    this.metrics = metrics;
  }

  /** A refusal with its status and the provider's error type; the message is safe to show. */
  static final class Refusal extends RuntimeException {
    private final StatusCode status;
    private final String type;

    Refusal(StatusCode status, String type, String message) {
      super(message, null, false, false);
      this.status = status;
      this.type = type;
    }

    StatusCode status() {
      return status;
    }

    String type() {
      return type;
    }
  }

  CompletionStage<HttpResponse> run(HttpRequest req, Dialect d, ProxyAuth.Identity who,
      byte[] bytes) {
    ObjectNode body;
    try {
      JsonNode node = JSON.readTree(bytes);
      if (!(node instanceof ObjectNode o)) {
        throw new Refusal(StatusCodes.BAD_REQUEST, "invalid_request_error",
            "request body must be a JSON object");
      }
      body = o;
    } catch (IOException e) {
      throw new Refusal(StatusCodes.BAD_REQUEST, "invalid_request_error",
          "request body is not valid JSON");
    }
    String invalid = d.invalid(body);
    if (invalid != null) {
      throw new Refusal(StatusCodes.BAD_REQUEST, "invalid_request_error", invalid);
    }
    MemoryMode.Resolved mode = MemoryMode.resolve(s, header(req, "X-Memory-Mode"),
        header(req, "X-Memory-After"), header(req, "X-Memory-Bypass"));
    String model = d.model(body);
    CompletionStage<ProxyMemory.Outcome> recalled = mode.mode().recalls()
        ? memory.recall(who.namespace(), d.query(body), model, mode.after())
        : CompletableFuture.completedFuture(ProxyMemory.Outcome.ABSTAIN);
    return recalled.thenCompose(outcome -> {
      byte[] out = bytes;
      if (outcome.count() > 0) {
        ObjectNode injected = body.deepCopy();
        d.inject(injected, outcome.block());
        out = write(injected);
      }
      String url = url(d, req);
      List<HttpHeader> headers = Upstream.forwardHeaders(req.getHeaders(), who.upstreamBearer(),
          who.upstreamApiKey());
      List<HttpHeader> memoryHeaders = new ArrayList<>(List.of(
          RawHeader.create("x-memory-injected-count", String.valueOf(outcome.count())),
          RawHeader.create("x-memory-gate-decision", outcome.decision().wireName()),
          RawHeader.create("x-memory-mode", mode.mode().wireName())));
      if (outcome.decision() == ProxyMemory.Decision.UNAVAILABLE) {
        // Failed open: forwarded without memory because the memory core did not answer.
        memoryHeaders.add(RawHeader.create("x-memory-core", "unavailable"));
      }
      if (s.extractionEnabled() && mode.mode().learns()) {
        LOG.debug("proxy {} namespace={} injected={} decision={}", d.api(), who.namespace(),
            outcome.count(), outcome.decision().wireName());
      }
      count(d, mode.mode(), outcome);
      Learn learn = mode.mode().learns() && s.extractionEnabled()
          ? new Learn(who.namespace(), d, model, body) : null;
      return upstream.post(url, headers, out)
          .thenApply(res -> {
            if (!res.status().isSuccess()) {
              metrics.increment("memoryoss_proxy_upstream_errors_total");
            }
            return relay(res, d, memoryHeaders, learn);
          });
    });
  }

  /** Zero for every counter of the original's, so dashboards see the series from the start. */
  static void declareCounters(com.memoryoss.gateway.metrics.Metrics metrics) {
    for (String name : List.of("memoryoss_proxy_requests_total",
        "memoryoss_proxy_memories_injected_total", "memoryoss_proxy_gate_inject_total",
        "memoryoss_proxy_gate_abstain_total", "memoryoss_proxy_gate_need_more_evidence_total",
        "memoryoss_proxy_upstream_errors_total")) {
      metrics.add(name, 0);
    }
  }

  /** The request in the metrics; gate decisions only where a recall ran. */
  private void count(Dialect d, MemoryMode mode, ProxyMemory.Outcome outcome) {
    metrics.increment("memoryoss_proxy_requests_total");
    metrics.increment("memoryoss_proxy_requests_by_api_total{api=\"" + d.api() + "\"}");
    metrics.add("memoryoss_proxy_memories_injected_total", outcome.count());
    if (!mode.recalls()) {
      return;
    }
    String decision = outcome.decision().wireName();
    metrics.increment("memoryoss_proxy_gate_total{decision=\"" + decision + "\"}");
    if (outcome.decision() != ProxyMemory.Decision.UNAVAILABLE) {
      metrics.increment("memoryoss_proxy_gate_" + decision + "_total");
    }
  }

  /** What to hand to extraction once the answer is complete. */
  private record Learn(String namespace, Dialect d, String model, ObjectNode request) {}

  private HttpResponse relay(HttpResponse res, Dialect d, List<HttpHeader> memoryHeaders,
      Learn learn) {
    List<HttpHeader> headers = new ArrayList<>(Upstream.responseHeaders(res));
    headers.addAll(memoryHeaders);
    boolean ok = res.status().isSuccess();
    boolean sse = res.entity().getContentType().mediaType().equals(MediaTypes.TEXT_EVENT_STREAM);
    if (ok && sse) {
      SseReader reader = new SseReader(d);
      Source<ByteString, ?> data = res.entity().getDataBytes()
          .map(chunk -> {
            reader.accept(chunk);
            return chunk;
          })
          .watchTermination((mat, done) -> {
            done.whenComplete((x, failure) -> {
              if (failure == null && learn != null) {
                reader.finish();
                if (reader.done()) {
                  hand(learn, reader.answer());
                }
              }
            });
            return mat;
          });
      return HttpResponse.create().withStatus(res.status()).addHeaders(headers)
          .withEntity(HttpEntities.create(res.entity().getContentType(), data));
    }
    // Whole bodies are capped (10 MiB) and read before answering.
    Source<ByteString, ?> capped = res.entity().withSizeLimit(ProxySettings.MAX_RESPONSE_BYTES)
        .getDataBytes();
    ContentType type = res.entity().getContentType();
    if (!ok || learn == null) {
      return HttpResponse.create().withStatus(res.status()).addHeaders(headers)
          .withEntity(HttpEntities.create(type, capped));
    }
    Source<ByteString, ?> tapped = capped
        .fold(ByteString.emptyByteString(), ByteString::concat)
        .map(all -> {
          try {
            hand(learn, d.answer(JSON.readTree(all.toArray())));
          } catch (IOException notJson) {
            // an answer we cannot read teaches nothing; the client still gets it
          }
          return all;
        });
    return HttpResponse.create().withStatus(res.status()).addHeaders(headers)
        .withEntity(HttpEntities.create(type, tapped));
  }

  private void hand(Learn l, String answer) {
    if (answer == null || answer.isBlank()) {
      return;
    }
    Exchange e = new Exchange(l.namespace(), l.d().api(), l.model(), l.d().turns(l.request()),
        answer, Instant.now());
    if (!extraction.offer(e)) {
      LOG.debug("extraction queue full: exchange dropped");
    }
  }

  /** Forwards a body unchanged (no memory): count_tokens and the generic passthrough. */
  CompletionStage<HttpResponse> forwardRaw(HttpRequest req, String url, ProxyAuth.Identity who,
      byte[] bytes) {
    List<HttpHeader> headers = Upstream.forwardHeaders(req.getHeaders(), who.upstreamBearer(),
        who.upstreamApiKey());
    return upstream.post(url, headers, bytes).thenApply(res -> HttpResponse.create()
        .withStatus(res.status()).addHeaders(Upstream.responseHeaders(res))
        .withEntity(HttpEntities.create(res.entity().getContentType(),
            res.entity().withSizeLimit(ProxySettings.MAX_RESPONSE_BYTES).getDataBytes())));
  }

  CompletionStage<HttpResponse> forwardNoBody(HttpRequest req, String url,
      ProxyAuth.Identity who) {
    List<HttpHeader> headers = Upstream.forwardHeaders(req.getHeaders(), who.upstreamBearer(),
        who.upstreamApiKey());
    return upstream.send(req.method(), url, headers).thenApply(res -> HttpResponse.create()
        .withStatus(res.status()).addHeaders(Upstream.responseHeaders(res))
        .withEntity(HttpEntities.create(res.entity().getContentType(),
            res.entity().withSizeLimit(ProxySettings.MAX_RESPONSE_BYTES).getDataBytes())));
  }

  CompletionStage<HttpResponse> models(HttpRequest req, ProxyAuth.Identity who,
      Materializer mat) {
    List<HttpHeader> headers = Upstream.forwardHeaders(req.getHeaders(), who.upstreamBearer(),
        who.upstreamApiKey());
    return upstream.send(HttpMethods.GET, s.upstreamUrl() + "/models", headers)
        .thenCompose(res -> res.entity().withSizeLimit(ProxySettings.MAX_RESPONSE_BYTES)
            .toStrict(30_000, mat).thenApply(strict -> {
              byte[] b = strict.getData().toArray();
              if (res.status().isSuccess()) {
                try {
                  JsonNode node = JSON.readTree(b);
                  if (node instanceof ObjectNode o && o.has("data") && !o.has("models")) {
                    o.set("models", o.get("data"));
                    b = write(o);
                  }
                } catch (IOException notJson) {
                  // pass it on as it came
                }
              }
              return HttpResponse.create().withStatus(res.status())
                  .addHeaders(Upstream.responseHeaders(res))
                  .withEntity(HttpEntities.create(strict.getContentType(), b));
            }));
  }

  private String url(Dialect d, HttpRequest req) {
    return switch (d) {
      case ChatCompletions c -> s.upstreamUrl() + "/chat/completions";
      case Responses r -> s.upstreamUrl() + "/responses";
      case AnthropicMessages a -> s.anthropicUrl()
          + req.getUri().rawQueryString().map(q -> "?" + q).orElse("");
    };
  }

  private static java.util.Optional<String> header(HttpRequest req, String name) {
    return req.getHeader(name).map(HttpHeader::value);
  }

  static HttpResponse json(StatusCode status, JsonNode body) {
    return HttpResponse.create().withStatus(status)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, write(body)));
  }

  private static byte[] write(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
