package com.memoryoss.shard.internal;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (RFC 9562 version 7), strictly increasing per generator even within one
 * millisecond, so a namespace's ids sort in the order its memories were stored.
 *
 * <p>Not thread-safe: one generator per entity.
 */
public final class Uuid7 {
  private static final SecureRandom RANDOM = new SecureRandom();
  private long lastMillis = -1;
  private int counter;

  public UUID next(long nowMillis) {
    long ms = Math.max(nowMillis, lastMillis);
    if (ms == lastMillis) {
      counter++;
      if (counter > 0xFFF) {
        ms++;
        counter = RANDOM.nextInt(0x400);
      }
    } else {
      counter = RANDOM.nextInt(0x400);
    }
    lastMillis = ms;
    long msb = (ms << 16) | 0x7000L | counter;
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
