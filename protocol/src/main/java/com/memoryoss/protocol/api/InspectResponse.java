package com.memoryoss.protocol.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.TrustSignals;

/**
 * Reply of {@code GET /v1/inspect/{id}}: every field of the memory (flattened) plus its trust
 * breakdown and review state. Reading a memory never changes it.
 */
public record InspectResponse(
    @JsonUnwrapped Memory memory,
    int contradictionCount,
    boolean hasEmbedding,
    double trustScore,
    double trustConfidenceLow,
    double trustConfidenceHigh,
    TrustSignals trustSignals,
    boolean lowTrust,
    double ageHours,
    boolean eligibleForInjection,
    String reviewQueueKind,
    String suggestedReviewAction) {}
