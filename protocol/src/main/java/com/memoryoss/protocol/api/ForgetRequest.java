package com.memoryoss.protocol.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code DELETE /v1/forget}: explicit {@code ids}, or a filter (agent AND session AND any
 * of tags, created before {@code before}). A body with neither is refused with 400. {@code id}
 * is an alias of {@code ids: [id]} (the original's own scripts send it); it never widens a
 * forget.
 */
public record ForgetRequest(
    UUID id,
    List<UUID> ids,
    String agent,
    String session,
    String namespace,
    List<String> tags,
    Instant before) {}
