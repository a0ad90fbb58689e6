package com.memoryoss.protocol.api;

import com.memoryoss.protocol.MemoryStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reply of {@code POST /v1/feedback}. */
public record FeedbackResponse(
    UUID id,
    MemoryStatus status,
    Double confidence,
    int evidenceCount,
    Instant lastVerifiedAt,
    UUID supersededBy,
    List<UUID> contradictsWith,
    int injectionCount,
    int reuseCount,
    int confirmCount,
    int rejectCount,
    int supersedeCount) {}
