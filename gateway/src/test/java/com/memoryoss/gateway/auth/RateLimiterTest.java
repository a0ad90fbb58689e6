package com.memoryoss.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
  @Test
  void allowsABurstUpToTheRateThenAsksToWait() {
    RateLimiter limiter = new RateLimiter(5);
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.acquire("k")).isZero();
    }
    assertThat(limiter.acquire("k")).isBetween(1L, 200L);
  }

  @Test
  void callersHaveSeparateBuckets() {
    RateLimiter limiter = new RateLimiter(1);
    assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).isPositive();
    assertThat(limiter.acquire("b")).isZero();
  }
}
