package com.memoryoss.protocol.api;

/** Reply of a forget: how many memories were deleted (missing ids are skipped). */
public record ForgetResponse(int deleted) {}
