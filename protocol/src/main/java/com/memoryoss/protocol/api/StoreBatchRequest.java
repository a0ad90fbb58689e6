package com.memoryoss.protocol.api;

import java.util.List;

/** Body of {@code POST /v1/store/batch}: 1..1000 memories, stored all or none. */
public record StoreBatchRequest(List<StoreRequest> memories) {}
