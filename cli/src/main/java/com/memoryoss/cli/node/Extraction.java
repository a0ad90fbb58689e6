package com.memoryoss.cli.node;

import com.memoryoss.cli.config.ConfigFile;
import com.memoryoss.extractor.ExchangeSink;
import com.memoryoss.extractor.ExtractionPipeline;
import com.memoryoss.extractor.FactExtractor;
import com.memoryoss.extractor.HeuristicFactExtractor;
import com.memoryoss.extractor.LlmFactExtractor;
import com.memoryoss.protocol.FactSpec;
import com.memoryoss.protocol.api.Caller;
import com.memoryoss.protocol.api.MemoryService;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.stream.Materializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires fact extraction from {@code [proxy]}: the local heuristic when {@code memory_coprocessor
 * = "local_heuristic"}, otherwise the configured LLM — which needs a real key (or a local,
 * OpenAI-compatible server such as Ollama). Without one, extraction stays off and says so once.
 */
final class Extraction {
  private static final Logger LOG = LoggerFactory.getLogger(Extraction.class);

  private Extraction() {}

  static ExtractionPipeline.Settings settings() {
    return ExtractionPipeline.Settings.DEFAULTS;
  }

  /** The sink the proxy hands exchanges to, or {@link ExchangeSink#NONE}. */
  static ExchangeSink start(ConfigFile cfg, MemoryService memory, Materializer mat,
      com.memoryoss.gateway.metrics.Metrics metrics) {
    var p = cfg.proxy();
    if (!p.enabled() || !p.extractionEnabled()) {
      return ExchangeSink.NONE;
    }
    Optional<FactExtractor> extractor = extractor(p);
    if (extractor.isEmpty()) {
      LOG.warn("fact extraction is off: no extraction key ([proxy] extract_api_key, or an"
          + " upstream key) and no local extractor (memory_coprocessor = \"local_heuristic\")");
      return ExchangeSink.NONE;
    }
    LOG.info("fact extraction on: {}", describe(p));
    ExtractionPipeline pipeline = ExtractionPipeline.start(settings(), extractor.get(),
        (ns, facts, source, evidence) -> memory.learn(new Caller(ns, source),
            facts.stream().map(f -> new FactSpec(f.content(), f.tags())).toList(), source,
            evidence).thenApply(r -> r.created() + r.reinforced()),
        mat);
    var c = pipeline.counters();
    metrics.gauge("memoryoss_extraction_offered_total", c.offered::get);
    metrics.gauge("memoryoss_extraction_dropped_total", c.dropped::get);
    metrics.gauge("memoryoss_extraction_repeats_total", c.repeats::get);
    metrics.gauge("memoryoss_extraction_calls_total", c.extracted::get);
    metrics.gauge("memoryoss_extraction_failures_total", c.failed::get);
    metrics.gauge("memoryoss_extraction_facts_total", c.facts::get);
    metrics.gauge("memoryoss_extraction_rejected_total", c.rejected::get);
    metrics.gauge("memoryoss_extraction_learned_total", c.learned::get);
    metrics.gauge("memoryoss_proxy_facts_extracted_total", c.facts::get); // the original's name
    return pipeline;
  }

  static Optional<FactExtractor> extractor(ConfigFile.Proxy p) {
    if ("local_heuristic".equals(p.memoryCoprocessor())) {
      return Optional.of(new HeuristicFactExtractor());
    }
    Duration timeout = Duration.ofSeconds(30);
    return switch (p.extractProvider()) {
      case "claude" -> {
        String key = first(p.extractApiKey(), p.anthropicApiKey());
        yield key == null ? Optional.empty() : Optional.of(new LlmFactExtractor(
            LlmFactExtractor.Provider.CLAUDE,
            URI.create(p.extractUrl() != null ? p.extractUrl() : p.anthropicUpstreamUrl()),
            model(p, "claude-haiku-4-5-20251001"), key, timeout, 2));
      }
      case "ollama" -> Optional.of(new LlmFactExtractor(LlmFactExtractor.Provider.OPENAI,
          URI.create(p.extractUrl() != null ? p.extractUrl()
              : "http://localhost:11434/v1/chat/completions"),
          model(p, "llama3.1"), p.extractApiKey(), timeout, 2));
      default -> {
        String mapped = p.keyMapping().stream().map(ConfigFile.KeyMapping::upstreamKey)
            .filter(k -> k != null && !k.isBlank()).findFirst().orElse(null);
        String key = first(p.extractApiKey(), p.upstreamApiKey(), mapped);
        yield key == null ? Optional.empty() : Optional.of(new LlmFactExtractor(
            LlmFactExtractor.Provider.OPENAI,
            URI.create(p.extractUrl() != null ? p.extractUrl()
                : stripSlash(p.upstreamUrl()) + "/chat/completions"),
            model(p, "gpt-4o-mini"), key, timeout, 2));
      }
    };
  }

  private static String model(ConfigFile.Proxy p, String providerDefault) {
    // The config default is OpenAI's model; another provider gets its own default.
    return p.extractModel() == null || (p.extractModel().equals("gpt-4o-mini")
        && !p.extractProvider().equals("openai")) ? providerDefault : p.extractModel();
  }

  private static String describe(ConfigFile.Proxy p) {
    return "local_heuristic".equals(p.memoryCoprocessor()) ? "local heuristic"
        : p.extractProvider() + " (" + p.extractModel() + ")";
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
