package com.memoryoss.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.memoryoss.protocol.MemoryException;
import com.memoryoss.protocol.Rejection;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLException;

/** Turns what went wrong with a call into a {@link MemoryException} fit to show a user or model. */
final class Failures {
  private static final int MAX_ERROR_CHARS = 500;

  private Failures() {}

  /** The server answered {@code status}: its {@code error} message, reason and retry hint. */
  static MemoryException refused(MemoryEndpoint endpoint, int status, String body) {
    JsonNode json = json(body);
    String message = message(json, body);
    long retry = json != null && json.hasNonNull("retry_after_ms")
        ? json.get("retry_after_ms").asLong(0) : 0;
    Rejection reason = switch (status) {
      case 400, 405, 413, 415, 422 -> Rejection.INVALID;
      case 401 -> Rejection.UNAUTHORIZED;
      case 403 -> Rejection.FORBIDDEN;
      case 404 -> Rejection.NOT_FOUND;
      case 429 -> Rejection.BUSY;
      default -> Rejection.UNAVAILABLE;
    };
    if (status == 401 && !endpoint.internal()) {
      message += endpoint.bearer() == null
          ? " (the config has no [[auth.api_keys]] entry, and this server requires a key)"
          : " (the key of the config's first [[auth.api_keys]] entry was not accepted)";
    }
    if (reason == Rejection.UNAVAILABLE && status != 503) {
      message = "the memoryOSS server failed (HTTP " + status + "): " + message;
    }
    return new MemoryException(reason, message, retry);
  }

  /** No usable answer: what failed, and how to start a server. */
  static MemoryException unreachable(MemoryEndpoint endpoint, Throwable failure) {
    Throwable e = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (e instanceof MemoryException m) {
      return m;
    }
    String url = endpoint.baseUrl().toString();
    String start = " Start it with `" + endpoint.startHint() + "`"
        + (endpoint.startHint().endsWith(" dev") ? ""
            : " (or `memoryoss dev` for a local development server)")
        + ", then try again.";
    String message;
    if (e instanceof HttpConnectTimeoutException) {
      message = "no memoryOSS server answered at " + url + " (connect timed out after "
          + endpoint.timeout().toSeconds() + " s)." + start;
    } else if (e instanceof HttpTimeoutException) {
      message = "the memoryOSS server at " + url + " did not answer within "
          + endpoint.timeout().toSeconds() + " s; it may be overloaded or stuck.";
    } else if (e instanceof SSLException || hasCause(e, SSLException.class)) {
      message = "TLS with " + url + " failed (" + e.getMessage()
          + "). Check that [tls] in the config matches the running server.";
    } else if (e instanceof ConnectException || hasCause(e, ConnectException.class)) {
      message = "no memoryOSS server is running at " + url + " (connection refused)." + start;
    } else {
      message = "calling the memoryOSS server at " + url + " failed: "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "."
          + start;
    }
    return MemoryException.unavailable(message, 0);
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode json(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return WireJson.MAPPER.readTree(body);
    } catch (JsonProcessingException notJson) {
      return null;
    }
  }

  /** The server's {@code {"error": ...}} message, else the start of the body, else "no details". */
  static String message(JsonNode json, String body) {
    String message = null;
    if (json != null && json.hasNonNull("error")) {
      JsonNode error = json.get("error");
      message = error.isTextual() ? error.asText() : error.path("message").asText(null);
    }
    if (message == null && body != null && !body.isBlank()) {
      message = body.strip();
    }
    if (message == null || message.isEmpty()) {
      message = "no details";
    }
    return message.length() > MAX_ERROR_CHARS
        ? message.substring(0, MAX_ERROR_CHARS) + "..." : message;
  }
}
