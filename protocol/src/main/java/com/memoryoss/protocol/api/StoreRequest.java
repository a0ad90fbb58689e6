package com.memoryoss.protocol.api;

import com.memoryoss.protocol.MemoryType;
import java.util.List;

/** Body of {@code POST /v1/store} and one item of {@code POST /v1/store/batch}. */
public record StoreRequest(
    String content,
    List<String> tags,
    String agent,
    String session,
    String namespace,
    MemoryType memoryType,
    Boolean zeroKnowledge,
    List<Float> embedding) {}
