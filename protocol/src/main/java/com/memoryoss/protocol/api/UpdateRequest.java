package com.memoryoss.protocol.api;

import com.memoryoss.protocol.MemoryType;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code PATCH /v1/update}. Absent fields stay unchanged; {@code tags} replaces the list.
 * A {@code namespace} naming anything but the caller's own namespace is refused.
 */
public record UpdateRequest(
    UUID id, String content, List<String> tags, MemoryType memoryType, String namespace) {}
