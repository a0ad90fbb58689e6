package com.memoryoss.protocol.api;

/** Reply of {@code POST /v1/auth/token}: an HS256 JWT and its lifetime in seconds. */
public record TokenResponse(String token, long expiresIn) {}
