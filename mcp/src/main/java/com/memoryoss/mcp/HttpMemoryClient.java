package com.memoryoss.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.memoryoss.mcp.internal.WireJson;
import com.memoryoss.protocol.api.ForgetRequest;
import com.memoryoss.protocol.api.ForgetResponse;
import com.memoryoss.protocol.api.RecallRequest;
import com.memoryoss.protocol.api.StoreRequest;
import com.memoryoss.protocol.api.StoreResponse;
import com.memoryoss.protocol.api.UpdateRequest;
import com.memoryoss.protocol.api.UpdateResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.net.ssl.SSLException;

/**
 * A blocking client of the running server's memory API ({@code /v1/*}, {@code /health}) over
 * {@link HttpClient}. It never opens the database: whatever a tool or operator command does goes
 * through the server, with the server's auth, limits and validation.
 *
 * <p>Every call either returns the parsed answer or throws {@link MemoryApiException}: a refusal
 * carries the server's {@code error} message and status; "nothing answered" says how to start a
 * server. Thread-safe; one instance serves concurrent calls.
 */
public final class HttpMemoryClient {
  private static final int MAX_ERROR_CHARS = 500;

  private final MemoryEndpoint endpoint;
  private final HttpClient http;

  public HttpMemoryClient(MemoryEndpoint endpoint) {
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

  /** {@code POST /v1/store}. */
  public StoreResponse store(StoreRequest request) {
    return parse(send("POST", "/v1/store", request), StoreResponse.class);
  }

  /** {@code POST /v1/recall}: the server's answer as it is ({@code memories}, ...). */
  public JsonNode recall(RecallRequest request) {
    return parse(send("POST", "/v1/recall", request), JsonNode.class);
  }

  /** {@code PATCH /v1/update}. */
  public UpdateResponse update(UpdateRequest request) {
    return parse(send("PATCH", "/v1/update", request), UpdateResponse.class);
  }

  /** {@code DELETE /v1/forget}; the server refuses a request with neither ids nor a filter. */
  public ForgetResponse forget(ForgetRequest request) {
    return parse(send("DELETE", "/v1/forget", request), ForgetResponse.class);
  }

  /** {@code GET /v1/inspect/{id}}: every field of one memory plus its trust breakdown. */
  public JsonNode inspect(UUID id) {
    return parse(send("GET", "/v1/inspect/" + id, null), JsonNode.class);
  }

  /**
   * {@code POST /v1/admin/migrate-embeddings}: starts re-embedding the key's namespace with
   * {@code model}; answers the index health with the migration's progress (admin key).
   */
  public JsonNode migrateEmbeddings(String model) {
    return parse(send("POST", "/v1/admin/migrate-embeddings",
        java.util.Map.of("model", model)), JsonNode.class);
  }

  /**
   * {@code POST /v1/admin/decay}: runs the lifecycle sweep on the key's namespace (admin key);
   * {@code afterDays} null uses the server's {@code [decay] after_days}.
   */
  public JsonNode decay(Integer afterDays, boolean dryRun) {
    java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
    if (afterDays != null) {
      body.put("after_days", afterDays);
    }
    body.put("dry_run", dryRun);
    return parse(send("POST", "/v1/admin/decay", body), JsonNode.class);
  }

  /** {@code GET /v1/admin/index-health}: lag, model, vector count, migration progress. */
  public JsonNode indexHealth() {
    return parse(send("GET", "/v1/admin/index-health", null), JsonNode.class);
  }

  /**
   * True when a memoryOSS server answers {@code GET /health} with its JSON status. Never throws:
   * anything else (nothing listening, another kind of server, TLS mismatch) is false.
   */
  public boolean healthy() {
    try {
      JsonNode health = parse(send("GET", "/health", null), JsonNode.class);
      return health.hasNonNull("status");
    } catch (MemoryApiException e) {
      return false;
    }
  }

  private String send(String method, String path, Object body) {
    URI uri = URI.create(endpoint.baseUrl() + path);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri)
        .timeout(endpoint.timeout())
        .header("Accept", "application/json");
    if (endpoint.bearer() != null) {
      b.header("Authorization", "Bearer " + endpoint.bearer());
    }
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(write(body)));
    }
    HttpResponse<String> response;
    try {
      response = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw MemoryApiException.unreachable("interrupted while calling " + path, e);
    } catch (IOException e) {
      throw unreachable(e);
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      String message = errorMessage(response.body());
      if (status == 401) {
        message += endpoint.bearer() == null
            ? " (the config has no [[auth.api_keys]] entry, and this server requires a key)"
            : " (the key of the config's first [[auth.api_keys]] entry was not accepted)";
      }
      throw MemoryApiException.refused(status, message);
    }
    return response.body();
  }

  private MemoryApiException unreachable(IOException e) {
    String url = endpoint.baseUrl().toString();
    String start = " Start it with `" + endpoint.startHint() + "`"
        + (endpoint.startHint().endsWith(" dev") ? ""
            : " (or `memoryoss dev` for a local development server)")
        + ", then try again.";
    if (e instanceof HttpConnectTimeoutException) {
      return MemoryApiException.unreachable("no memoryOSS server answered at " + url
          + " (connect timed out after " + endpoint.timeout().toSeconds() + " s)." + start, e);
    }
    if (e instanceof HttpTimeoutException) {
      return MemoryApiException.unreachable("the memoryOSS server at " + url + " did not answer"
          + " within " + endpoint.timeout().toSeconds() + " s; it may be overloaded or stuck.", e);
    }
    if (e instanceof SSLException || hasCause(e, SSLException.class)) {
      return MemoryApiException.unreachable("TLS with " + url + " failed (" + e.getMessage()
          + "). Check that [tls] in the config matches the running server.", e);
    }
    if (e instanceof ConnectException || hasCause(e, ConnectException.class)) {
      return MemoryApiException.unreachable(
          "no memoryOSS server is running at " + url + " (connection refused)." + start, e);
    }
    return MemoryApiException.unreachable("calling the memoryOSS server at " + url + " failed: "
        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "." + start,
        e);
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  /** The server's {@code {"error": ...}} message, else the start of the body, else the status. */
  static String errorMessage(String body) {
    String message = null;
    if (body != null && !body.isBlank()) {
      try {
        JsonNode n = WireJson.MAPPER.readTree(body);
        if (n != null && n.hasNonNull("error")) {
          message = n.get("error").asText();
        }
      } catch (JsonProcessingException notJson) {
        // fall through to the raw body
      }
      if (message == null) {
        message = body.strip();
      }
    }
    if (message == null || message.isEmpty()) {
      message = "no details";
    }
    if (message.length() > MAX_ERROR_CHARS) {
      message = message.substring(0, MAX_ERROR_CHARS) + "...";
    }
    return message;
  }

  private static byte[] write(Object body) {
    try {
      return WireJson.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode request: " + e.getOriginalMessage(), e);
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
      throw MemoryApiException.refused(502, "unexpected answer from the server at "
          + endpoint.baseUrl() + ": " + e.getMessage());
    }
  }
}
