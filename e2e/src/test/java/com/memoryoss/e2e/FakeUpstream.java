package com.memoryoss.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test double of the OpenAI and Anthropic APIs (Chat Completions, Responses, Messages; streamed or
 * not), recording every request. Like the harness mock, its answer lists the {@code
 * MEMORY-TOKEN: X} markers it found anywhere in the request, so a test sees what the gateway
 * injected; {@code MOCK-SAY: text} makes it say something; {@code reply} overrides the answer
 * (for the extraction LLM).
 */
final class FakeUpstream implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TOKEN = Pattern.compile("MEMORY-TOKEN: (\\S+)");
  private static final Pattern SAY = Pattern.compile("MOCK-SAY: ([^\\n\"]+)");

  /** One recorded request. */
  record Request(String path, Map<String, List<String>> headers, byte[] body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  volatile Function<JsonNode, String> reply;
  volatile long delayMs;

  FakeUpstream() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext("/", this::handle);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  String base() {
    return "http://127.0.0.1:" + port();
  }

  List<Request> to(String suffix) {
    return requests.stream().filter(r -> r.path().endsWith(suffix)).toList();
  }

  private void handle(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    String path = ex.getRequestURI().getPath();
    requests.add(new Request(path, Map.copyOf(ex.getRequestHeaders()), body));
    if (ex.getRequestMethod().equals("GET") && path.endsWith("/models")) {
      send(ex, 200, "application/json", "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\"}]}");
      return;
    }
    JsonNode req;
    try {
      req = JSON.readTree(body);
    } catch (IOException e) {
      send(ex, 400, "application/json", "{\"error\":{\"message\":\"bad json\"}}");
      return;
    }
    String all = strings(req);
    if (all.contains("MOCK-STATUS: 429")) {
      send(ex, 429, "application/json",
          "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}");
      return;
    }
    Set<String> tokens = new LinkedHashSet<>();
    Matcher m = TOKEN.matcher(all);
    while (m.find()) {
      tokens.add(m.group(1));
    }
    String say = null;
    Matcher s = SAY.matcher(all);
    while (s.find()) {
      say = s.group(1).strip();
    }
    String custom = reply != null ? reply.apply(req) : null;
    String text = custom != null ? custom
        : (say != null ? say + " " : "") + "Hello from fake upstream. MEMORY-TOKENS-SEEN: "
            + (tokens.isEmpty() ? "none" : String.join(",", tokens));
    boolean stream = req.path("stream").asBoolean(false);
    String model = req.path("model").asText("model");
    if (path.endsWith("/chat/completions")) {
      if (stream) {
        sse(ex, List.of(chatChunk(text.substring(0, text.length() / 2)),
            chatChunk(text.substring(text.length() / 2)), "[DONE]"), List.of());
      } else {
        send(ex, 200, "application/json", "{\"id\":\"c1\",\"object\":\"chat.completion\","
            + "\"model\":\"" + model + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
            + "\"assistant\",\"content\":" + JSON.writeValueAsString(text) + "},"
            + "\"finish_reason\":\"stop\"}]}");
      }
    } else if (path.endsWith("/responses")) {
      if (stream) {
        sse(ex, List.of("{\"type\":\"response.created\"}",
            "{\"type\":\"response.output_text.delta\",\"delta\":" + JSON.writeValueAsString(text)
                + "}", "{\"type\":\"response.completed\",\"response\":{\"status\":"
                + "\"completed\"}}"),
            List.of("response.created", "response.output_text.delta", "response.completed"));
      } else {
        send(ex, 200, "application/json", "{\"id\":\"r1\",\"object\":\"response\",\"status\":"
            + "\"completed\",\"output\":[{\"type\":\"message\",\"role\":\"assistant\",\"content\":"
            + "[{\"type\":\"output_text\",\"text\":" + JSON.writeValueAsString(text) + "}]}]}");
      }
    } else if (path.endsWith("/messages")) {
      if (stream) {
        sse(ex, List.of("{\"type\":\"message_start\",\"message\":{\"id\":\"m1\"}}",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":"
                + "\"text\",\"text\":\"\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
                + "\"text\":" + JSON.writeValueAsString(text) + "}}",
            "{\"type\":\"content_block_stop\",\"index\":0}",
            "{\"type\":\"message_stop\"}"),
            List.of("message_start", "content_block_start", "content_block_delta",
                "content_block_stop", "message_stop"));
      } else {
        send(ex, 200, "application/json", "{\"id\":\"m1\",\"type\":\"message\",\"role\":"
            + "\"assistant\",\"content\":[{\"type\":\"text\",\"text\":"
            + JSON.writeValueAsString(text) + "}],\"stop_reason\":\"end_turn\"}");
      }
    } else {
      send(ex, 404, "application/json", "{\"error\":{\"message\":\"no route\"}}");
    }
  }

  private static String chatChunk(String t) throws IOException {
    return "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":"
        + "{\"content\":" + JSON.writeValueAsString(t) + "}}]}";
  }

  private void sse(HttpExchange ex, List<String> data, List<String> events) throws IOException {
    ex.getResponseHeaders().add("Content-Type", "text/event-stream");
    ex.getResponseHeaders().add("x-request-id", "req-fake");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      for (int i = 0; i < data.size(); i++) {
        String ev = (events.isEmpty() ? "" : "event: " + events.get(i) + "\n") + "data: "
            + data.get(i) + "\n\n";
        out.write(ev.getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (delayMs > 0) {
          try {
            Thread.sleep(delayMs);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    }
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.getResponseHeaders().add("x-request-id", "req-fake");
    ex.getResponseHeaders().add("set-cookie", "tracking=1");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  /** Every string value of a JSON document, one per line. */
  static String strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    collect(n, out);
    return String.join("\n", out);
  }

  private static void collect(JsonNode n, List<String> out) {
    if (n.isTextual()) {
      out.add(n.asText());
    } else if (n.isObject()) {
      n.fields().forEachRemaining(e -> collect(e.getValue(), out));
    } else if (n instanceof ArrayNode a) {
      a.forEach(x -> collect(x, out));
    } else if (n instanceof ObjectNode) {
      out.add(n.toString());
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
