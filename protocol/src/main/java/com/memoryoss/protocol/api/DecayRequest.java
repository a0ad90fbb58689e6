package com.memoryoss.protocol.api;

/**
 * Body of {@code POST /v1/admin/decay} (admin). {@code afterDays} defaults to the server's
 * {@code [decay] after_days}; {@code dryRun} reports what would change without changing it.
 */
public record DecayRequest(String namespace, Integer afterDays, Boolean dryRun) {}
