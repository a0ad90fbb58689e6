package com.memoryoss.protocol.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code DELETE /v1/forget}: explicit {@code ids}, or a filter (agent AND session AND any
 * of tags, created before {@code before}). A body with neither is refused with 400.
 */
public record ForgetRequest(
    List<UUID> ids,
    String agent,
    String session,
    String namespace,
    List<String> tags,
    Instant before) {}
