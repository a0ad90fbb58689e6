package com.memoryoss.protocol.api;

import java.util.List;

/** Body of {@code POST /v1/recall/batch}: 1..10 recalls answered in order. */
public record RecallBatchRequest(List<RecallRequest> queries) {}
