package com.memoryoss.gateway.proxy;

import java.util.List;
import java.util.Map;

/**
 * Context window sizes, to bound injected memory at {@code max_memory_pct} of the model's window.
 * Lookup is deterministic: configured sizes first, then the longest built-in prefix.
 */
final class ModelContext {
  private static final long FALLBACK = 128_000;

  /** Sorted longest prefix first, so "gpt-4o" wins over "gpt-4" and "o1-mini" over "o1". */
  private static final List<Map.Entry<String, Long>> BUILT_IN = sorted(
      Map.entry("gpt-4.1", 1_047_576L), Map.entry("gpt-4o-mini", 128_000L),
      Map.entry("gpt-4o", 128_000L), Map.entry("gpt-4-turbo", 128_000L),
      Map.entry("gpt-4", 8_192L), Map.entry("gpt-3.5-turbo", 16_385L),
      Map.entry("gpt-5", 400_000L), Map.entry("gpt-6", 400_000L),
      Map.entry("o1-mini", 128_000L), Map.entry("o1", 200_000L), Map.entry("o3", 200_000L),
      Map.entry("o4-mini", 200_000L), Map.entry("codex", 400_000L),
      Map.entry("claude", 200_000L), Map.entry("llama3.1", 128_000L),
      Map.entry("llama3", 8_192L), Map.entry("mistral", 32_000L), Map.entry("mixtral", 32_000L),
      Map.entry("gemma2", 8_192L), Map.entry("qwen", 32_768L));

  private ModelContext() {}

  @SafeVarargs
  private static List<Map.Entry<String, Long>> sorted(Map.Entry<String, Long>... entries) {
    return java.util.Arrays.stream(entries)
        .sorted((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()))
        .toList();
  }

  static long tokens(String model, Map<String, Long> configured) {
    if (model == null || model.isBlank()) {
      return FALLBACK;
    }
    Long exact = configured.get(model);
    if (exact != null) {
      return exact;
    }
    String best = null;
    for (String k : configured.keySet()) {
      if (model.startsWith(k) && (best == null || k.length() > best.length())) {
        best = k;
      }
    }
    if (best != null) {
      return configured.get(best);
    }
    for (Map.Entry<String, Long> e : BUILT_IN) {
      if (model.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return FALLBACK;
  }
}
