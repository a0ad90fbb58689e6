package com.memoryoss.protocol.api;

import java.util.UUID;

/** Body of {@code POST /v1/feedback}: {@code confirm}, {@code reject} or {@code supersede}. */
public record FeedbackRequest(UUID id, String namespace, String action, UUID supersededBy) {}
