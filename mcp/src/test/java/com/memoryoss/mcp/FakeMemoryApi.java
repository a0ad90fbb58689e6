package com.memoryoss.mcp;

import com.memoryoss.client.HttpMemoryService;
import com.memoryoss.client.MemoryEndpoint;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the memory API on a loopback port: answers each path with a canned status and
 * body, and records every request it gets.
 */
final class FakeMemoryApi implements AutoCloseable {
  record Seen(String method, String path, String authorization, String body) {}

  private record Canned(int status, String body) {}

  final List<Seen> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Canned> answers = new ConcurrentHashMap<>();
  private final HttpServer server;

  FakeMemoryApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = exchange.getRequestURI().getPath();
      requests.add(new Seen(exchange.getRequestMethod(), path,
          exchange.getRequestHeaders().getFirst("Authorization"), body));
      Canned c = answers.getOrDefault(exchange.getRequestMethod() + " " + path,
          new Canned(404, "{\"error\":\"not found\"}"));
      byte[] out = c.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(c.status(), out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    server.start();
  }

  FakeMemoryApi answer(String methodAndPath, int status, String body) {
    answers.put(methodAndPath, new Canned(status, body));
    return this;
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  HttpMemoryService client(String bearer) {
    return new HttpMemoryService(MemoryEndpoint.withKey(baseUrl(), bearer, null, null,
        "memoryoss -c /tmp/x.toml serve"));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
