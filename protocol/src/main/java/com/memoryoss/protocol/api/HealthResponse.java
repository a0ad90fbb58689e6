package com.memoryoss.protocol.api;

/**
 * Reply of {@code GET /health}. {@code total_memories} counts the caller's own namespace and is
 * present only when the request is authenticated: an anonymous probe learns nothing about tenants.
 */
public record HealthResponse(String status, String memoryMode, Long totalMemories) {}
