package com.memoryoss.protocol.api;

/** Body of {@code POST /v1/consolidate} (admin). */
public record ConsolidateRequest(
    String namespace, Double threshold, Integer maxClusters, Boolean dryRun) {}
