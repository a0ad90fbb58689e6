package com.memoryoss.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny JSON-over-HTTP client for the memory API. */
final class Api {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  Api(String base, String token) {
    this.base = base;
    this.token = token;
  }

  Api as(String newToken) {
    return new Api(base, newToken);
  }

  /** A response: status and parsed JSON body. */
  record Res(int status, JsonNode body, HttpResponse<String> raw) {
    String error() {
      return body.path("error").asText();
    }
  }

  Res call(String method, String path, Object body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      String json = body instanceof String s ? s : JSON.writeValueAsString(body);
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode node = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    return new Res(r.statusCode(), node, r);
  }

  Res get(String path) throws Exception {
    return call("GET", path, null);
  }

  Res post(String path, Object body) throws Exception {
    return call("POST", path, body);
  }
}
