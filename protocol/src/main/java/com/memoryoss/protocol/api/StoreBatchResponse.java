package com.memoryoss.protocol.api;

import java.util.List;

/** Reply of a batch store, in request order. */
public record StoreBatchResponse(List<StoreResponse> stored) {}
