package com.memoryoss.shard;

import java.time.Duration;

/**
 * The {@code [decay]} settings as the namespaces use them.
 *
 * @param enabled whether awake namespaces sweep themselves in the background (an explicit
 *     {@code POST /v1/admin/decay} or {@code memoryoss decay} works either way)
 * @param afterDays idleness, in days, after which a memory with nothing speaking for it decays
 * @param sweepEvery interval of the background sweep
 */
public record DecayPolicy(boolean enabled, int afterDays, Duration sweepEvery) {
  public static final DecayPolicy OFF = new DecayPolicy(false, 90, Duration.ofMinutes(15));

  public DecayPolicy {
    if (afterDays < 0) {
      throw new IllegalArgumentException("afterDays must be >= 0");
    }
  }

  /** The original's cadence: every 15 minutes, every minute when memories decay at once. */
  public static DecayPolicy of(boolean enabled, int afterDays) {
    return new DecayPolicy(enabled, afterDays,
        afterDays == 0 ? Duration.ofMinutes(1) : Duration.ofMinutes(15));
  }
}
