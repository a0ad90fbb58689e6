package com.memoryoss.protocol.api;

import com.memoryoss.protocol.MemoryType;
import com.memoryoss.protocol.RecallWeights;
import java.time.Instant;
import java.util.List;

/**
 * Body of {@code POST /v1/recall}. {@code consistency} is {@code "strong"} (default) or
 * {@code "eventual"}; {@code before}/{@code after} are exclusive bounds on {@code created_at}.
 * {@code min_recall_score}, {@code min_channel_score}, {@code diversity_factor} and {@code
 * include_embedding} are ours (the original takes the first three from proxy config only).
 */
public record RecallRequest(
    String query,
    Integer limit,
    String agent,
    String session,
    String namespace,
    MemoryType memoryType,
    List<String> tags,
    String consistency,
    RecallWeights weights,
    Instant before,
    Instant after,
    String cursor,
    List<Float> queryEmbedding,
    Double minRecallScore,
    Double minChannelScore,
    Double diversityFactor,
    Boolean includeEmbedding) {}
