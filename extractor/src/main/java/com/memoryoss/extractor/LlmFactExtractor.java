package com.memoryoss.extractor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Asks an LLM for facts: OpenAI Chat Completions (also any OpenAI-compatible local server such as
 * Ollama's {@code /v1}) or Anthropic Messages. Retries rate limits, server errors and timeouts
 * with exponential backoff; the answer must hold a JSON array ({@link FactParser}).
 *
 * <p>The conversation it sends is already redacted. Thread-safe.
 */
public final class LlmFactExtractor implements FactExtractor {
  /** Which wire protocol the extraction endpoint speaks. */
  public enum Provider { OPENAI, CLAUDE }

  static final String INSTRUCTIONS = """
      You maintain the long-term memory of a software project's AI assistant. Extract facts \
      from the conversation below that will still matter in future, unrelated conversations: \
      decisions and their reasons, project conventions and constraints, the user's \
      preferences (including things they do NOT want, and how they want answers formatted), \
      bugs together with their fixes, architecture choices, names, paths, versions, commands.
      Rules:
      - Only facts stated in the LAST user message or the assistant's answer; earlier turns \
      are context.
      - Each fact is one to three self-contained sentences that name what they are about and \
      when they apply; no pronouns without a referent.
      - Skip greetings, small talk, general knowledge, textbook advice, and anything only \
      true for this moment.
      - Never include secrets, credentials or redacted placeholders.
      - At most 5 facts. If nothing qualifies, return [].
      Answer with ONLY a JSON array: [{"content": "...", "tags": ["one", "or", "more"]}]

      Conversation:
      """;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Provider provider;
  private final URI url;
  private final String model;
  private final String apiKey;
  private final Duration timeout;
  private final int retries;
  private final HttpClient http;

  /**
   * @param url the full endpoint ({@code .../v1/chat/completions} or {@code .../v1/messages})
   */
  public LlmFactExtractor(Provider provider, URI url, String model, String apiKey,
      Duration timeout, int retries) {
    this.provider = provider;
    this.url = url;
    this.model = model;
    this.apiKey = apiKey;
    this.timeout = timeout;
    this.retries = retries;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  @Override
  public String source() {
    return "proxy-extraction";
  }

  @Override
  public CompletionStage<List<Fact>> extract(String conversation) {
    return attempt(request(INSTRUCTIONS + conversation), 0);
  }

  private CompletionStage<List<Fact>> attempt(HttpRequest req, int n) {
    return http.sendAsync(req, HttpResponse.BodyHandlers.ofString())
        .thenCompose(res -> {
          int status = res.statusCode();
          if ((status == 429 || status >= 500) && n < retries) {
            return later(n).thenCompose(v -> attempt(req, n + 1));
          }
          if (status / 100 != 2) {
            throw new ExtractionException("extraction LLM answered " + status);
          }
          return CompletableFuture.completedFuture(parse(res.body()));
        })
        .exceptionallyCompose(e -> {
          Throwable t = e.getCause() != null ? e.getCause() : e;
          boolean transientFailure = t instanceof java.net.http.HttpTimeoutException
              || t instanceof java.net.ConnectException || t instanceof IOException;
          if (transientFailure && n < retries) {
            return later(n).thenCompose(v -> attempt(req, n + 1));
          }
          return CompletableFuture.failedFuture(t);
        });
  }

  private static CompletableFuture<Void> later(int n) {
    long delay = 500L * (1L << n);
    return CompletableFuture.runAsync(() -> { },
        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
  }

  private HttpRequest request(String prompt) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    body.put("max_tokens", 1024);
    body.putArray("messages").addObject().put("role", "user").put("content", prompt);
    HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout)
        .header("Content-Type", "application/json");
    if (provider == Provider.CLAUDE) {
      b.header("anthropic-version", "2023-06-01");
      if (apiKey != null) {
        b.header("x-api-key", apiKey);
      }
    } else {
      body.put("temperature", 0);
      if (apiKey != null) {
        b.header("Authorization", "Bearer " + apiKey);
      }
    }
    try {
      return b.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Fact> parse(String responseBody) {
    JsonNode root;
    try {
      root = JSON.readTree(responseBody);
    } catch (IOException e) {
      throw new ExtractionException("extraction LLM answered something that is not JSON");
    }
    String text = provider == Provider.CLAUDE
        ? textOf(root.path("content"))
        : root.path("choices").path(0).path("message").path("content").asText("");
    return FactParser.parse(text)
        .orElseThrow(() -> new ExtractionException("extraction answer holds no JSON array"));
  }

  private static String textOf(JsonNode blocks) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode b : blocks) {
      if (b.path("type").asText().equals("text")) {
        sb.append(b.path("text").asText(""));
      }
    }
    return sb.toString();
  }

  /** The extraction call failed for a reason that is safe to log (no content). */
  public static final class ExtractionException extends RuntimeException {
    public ExtractionException(String message) {
      super(message, null, false, false);
    }
  }
}
