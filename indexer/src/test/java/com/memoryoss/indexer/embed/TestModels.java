package com.memoryoss.indexer.embed;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One loaded instance per model for the whole test run: loading takes about a second each, and
 * the embedders are thread-safe. They are never closed; the JVM's exit frees them.
 */
final class TestModels {
  private static final Map<String, Embedder> LOADED = new ConcurrentHashMap<>();

  private TestModels() {}

  static Embedder get(String modelId) {
    return LOADED.computeIfAbsent(modelId, id -> Embedders.load(id, Embedders.DEFAULT_THREADS));
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }

  static double norm(float[] v) {
    return Math.sqrt(cosine(v, v));
  }

  /** Memory-like texts of very different lengths, so batches need padding and several chunks. */
  static final List<String> PASSAGES =
      List.of(
          "The cat sits on the mat",
          "User prefers dark mode in every editor",
          "ok",
          "Deploy the gateway with TLS enabled and the admin API bound to localhost only.",
          "Project memoryOSS uses Apache Pekko for the namespace actors and Lucene for BM25 search",
          "Café meeting with Ångström at 3.14 pm, budget $5.00, contact a@b.com",
          "日本語のテキスト",
          "🧠 remember this",
          "The quarterly tax filing deadline is the fifteenth of April",
          "Alice's daughter started kindergarten in September and loves drawing dinosaurs.",
          "Use ./mvnw -pl indexer test to run only the indexer tests",
          "Bob is allergic to peanuts",
          "The staging database is PostgreSQL 15 on port 5432",
          "Meeting notes: we agreed to ship the embedder first, then the vector index, then the"
              + " recall scoring with fusion of BM25, exact identifiers and recency.",
          "Never commit secrets; the API key lives in the vault under /kv/memoryoss",
          "She moved from Berlin to Lisbon in 2021 and works remotely as a data engineer",
          "x",
          "Prefer records and sealed interfaces for protocol messages",
          "The user's favourite programming language is Rust but they write Java at work",
          "Long memory: " + "the agent reviewed the logs and found repeated timeouts. ".repeat(12),
          "Remind me to call mom on Sunday",
          "Error: connection refused (ECONNREFUSED) at 127.0.0.1:8080",
          "Hiking trip to the Dolomites planned for late June",
          "Her cat is named Pixel and is afraid of the vacuum cleaner",
          "Caroline attended an LGBTQ support group on 7 May 2023",
          "The benchmark showed 236 embeddings per second on two cores",
          "Tokyo trip: visit Shibuya, eat ramen, buy a Suica card",
          "Use JUnit 5 and AssertJ; name tests after the behaviour they check",
          "Password rotation happens every 90 days",
          "The recall endpoint returns at most k memories ordered by fused score",
          "He plays the violin in a community orchestra on Thursday evenings",
          "Budget for Q3 marketing is 12,000 EUR",
          "The namespace actor passivates after two minutes idle",
          "Melanie painted a sunrise over the lake last weekend",
          "Docker compose file lives in deploy/compose.yaml",
          "John's flight lands at 18:45 at Heathrow terminal 5",
          "CPU has only 2 cores shared with other work",
          "The user dislikes long meetings and prefers async updates");
}
