package com.memoryoss.gateway.proxy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The LLM proxy's settings, from {@code [proxy]}.
 *
 * @param upstreamUrl OpenAI-compatible base URL including {@code /v1}
 * @param anthropicUrl the full Anthropic Messages URL ({@code .../v1/messages})
 * @param upstreamApiKey key sent upstream for mapped proxy keys without their own
 * @param passthroughAuth forward the client's own provider key or OAuth token
 * @param passthroughLocalOnly ...only for clients on this machine (judged on the real address)
 * @param memoryAfter cutoff for mode {@code after} when the request gives none
 * @param timeout how long to wait for the upstream's response headers
 */
public record ProxySettings(
    boolean enabled,
    String upstreamUrl,
    String anthropicUrl,
    String upstreamApiKey,
    String anthropicApiKey,
    List<KeyMapping> keyMappings,
    boolean passthroughAuth,
    boolean passthroughLocalOnly,
    MemoryMode defaultMode,
    boolean allowClientMemoryControl,
    Instant memoryAfter,
    double maxMemoryPct,
    double minRecallScore,
    double minChannelScore,
    double diversityFactor,
    Map<String, Long> modelContextSizes,
    boolean extractionEnabled,
    Duration timeout) {

  /** Response bodies read whole (non-streaming) are capped at this. */
  public static final long MAX_RESPONSE_BYTES = 10L * 1024 * 1024;

  public ProxySettings {
    upstreamUrl = stripSlash(upstreamUrl);
    keyMappings = List.copyOf(keyMappings);
    modelContextSizes = Map.copyOf(modelContextSizes);
  }

  /** A proxy key, the namespace its requests use, and optionally its own upstream key. */
  public record KeyMapping(String proxyKey, String namespace, String upstreamKey) {}

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
