package com.memoryoss.protocol.api;

import com.memoryoss.protocol.MemoryType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reply of {@code GET /v1/peek/{id}}: metadata only, no content. */
public record PeekResponse(
    UUID id,
    String agent,
    String session,
    String namespace,
    List<String> tags,
    MemoryType memoryType,
    Instant createdAt,
    Instant updatedAt,
    int contentBytes) {}
