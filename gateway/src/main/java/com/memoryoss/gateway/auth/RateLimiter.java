package com.memoryoss.gateway.auth;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller: capacity and refill rate are both {@code perSecond}. Idle buckets are
 * pruned when there are many, so the map stays bounded under churn of callers.
 *
 * <p>Thread-safe.
 */
public final class RateLimiter {
  private static final int PRUNE_ABOVE = 10_000;
  private static final long IDLE_NANOS = 120_000_000_000L;

  private final double perSecond;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(double perSecond) {
    this.perSecond = perSecond;
  }

  /**
   * Takes one token for {@code caller}.
   *
   * @return 0 if allowed, else how many milliseconds until a token is available
   */
  public long acquire(String caller) {
    long now = System.nanoTime();
    if (buckets.size() > PRUNE_ABOVE) {
      buckets.values().removeIf(b -> now - b.last > IDLE_NANOS);
    }
    Bucket b = buckets.computeIfAbsent(caller, k -> new Bucket(perSecond, now));
    synchronized (b) {
      b.tokens = Math.min(perSecond, b.tokens + (now - b.last) / 1e9 * perSecond);
      b.last = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - b.tokens) / perSecond * 1000));
    }
  }

  private static final class Bucket {
    double tokens;
    long last;

    Bucket(double tokens, long last) {
      this.tokens = tokens;
      this.last = last;
    }
  }
}
