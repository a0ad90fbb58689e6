package com.memoryoss.protocol.api;

/** Query of {@code GET /v1/memories}: optional agent/session filter, page size and cursor. */
public record ListRequest(
    String namespace, String agent, String session, Integer limit, String cursor) {}
