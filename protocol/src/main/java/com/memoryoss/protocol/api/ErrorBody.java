package com.memoryoss.protocol.api;

/** The body of every memory-API error: {@code {"error": "..."}}, plus a retry hint on 429. */
public record ErrorBody(String error, Long retryAfterMs) {
  public ErrorBody(String error) {
    this(error, null);
  }
}
