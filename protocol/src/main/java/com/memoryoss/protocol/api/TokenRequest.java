package com.memoryoss.protocol.api;

/** Body of {@code POST /v1/auth/token}. */
public record TokenRequest(String apiKey) {}
