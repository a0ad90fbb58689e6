package com.memoryoss.protocol.api;

import java.util.List;

/** Reply of a batch recall, one result per query in request order. */
public record RecallBatchResponse(List<RecallResponse> results) {}
