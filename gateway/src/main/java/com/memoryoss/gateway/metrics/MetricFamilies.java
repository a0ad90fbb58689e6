package com.memoryoss.gateway.metrics;

/**
 * Help text of every metric family this server exposes. The original's series keep its names
 * (and its lack of labels); ours sit beside them. A family with no meaning here is not exposed
 * at all rather than shown as a constant.
 */
final class MetricFamilies {
  private MetricFamilies() {}

  static void describeAll(Metrics m) {
    // The memory API (the original's names).
    m.describe("memoryoss_stores_total",
        "Memories stored through the memory API (each memory of a batch counts)");
    m.describe("memoryoss_recalls_total",
        "Recall queries answered through the memory API (each query of a batch counts)");
    m.describe("memoryoss_forgets_total", "Memories forgotten through the memory API");
    // Indexes (the original's names), over the namespaces loaded on this node.
    m.describe("memoryoss_vector_index_size",
        "Vectors in the indexes of the namespaces loaded on this node");
    m.describe("memoryoss_indexer_lag",
        "Acknowledged writes not yet searchable, in the namespaces loaded on this node");
    m.describe("memoryoss_idf_total_docs",
        "Documents in the text (BM25) indexes of the namespaces loaded on this node");
    m.describe("memoryoss_embedding_cache_valid", "Query embeddings cached and not expired");
    m.describe("memoryoss_embedding_cache_total", "Query embeddings cached");
    // Ours.
    m.describe("memoryoss_namespaces_loaded", "Namespaces whose indexes this node holds");
    m.describe("memoryoss_embedding_cache_hits_total", "Query embeddings served from the cache");
    m.describe("memoryoss_embedding_cache_misses_total", "Query embeddings computed by the model");
    m.describe("memoryoss_jvm_heap_used_bytes", "JVM heap in use");
    m.describe("memoryoss_jvm_heap_committed_bytes", "JVM heap committed");
    proxy(m);
    extraction(m);
  }

  private static void proxy(Metrics m) {
    m.describe("memoryoss_proxy_requests_total", "LLM requests through the proxy");
    m.describe("memoryoss_proxy_requests_by_api_total",
        "LLM requests through the proxy, by API (chat, responses, anthropic)");
    m.describe("memoryoss_proxy_memories_injected_total", "Memories injected into LLM requests");
    m.describe("memoryoss_proxy_gate_inject_total", "Proxy recalls the gate let inject");
    m.describe("memoryoss_proxy_gate_abstain_total", "Proxy recalls the gate abstained on");
    m.describe("memoryoss_proxy_gate_need_more_evidence_total",
        "Proxy recalls the gate held back as needing more evidence");
    m.describe("memoryoss_proxy_gate_total",
        "Proxy recalls by gate decision, including unavailable (memory core did not answer)");
    m.describe("memoryoss_proxy_upstream_errors_total",
        "Upstream LLM answers with a non-success status");
    m.describe("memoryoss_proxy_facts_extracted_total",
        "Facts the extractor found in proxied exchanges");
  }

  private static void extraction(Metrics m) {
    m.describe("memoryoss_extraction_offered_total", "Finished exchanges offered to extraction");
    m.describe("memoryoss_extraction_dropped_total",
        "Exchanges dropped because the extraction queue was full");
    m.describe("memoryoss_extraction_repeats_total",
        "Exchanges skipped as replays of one already extracted");
    m.describe("memoryoss_extraction_calls_total", "Extraction calls made (LLM or heuristic)");
    m.describe("memoryoss_extraction_failures_total", "Extraction calls that failed");
    m.describe("memoryoss_extraction_facts_total", "Facts returned by extraction");
    m.describe("memoryoss_extraction_rejected_total",
        "Facts dropped by the screens (secrets, steering)");
    m.describe("memoryoss_extraction_learned_total",
        "Facts handed to the namespace to learn");
  }
}
