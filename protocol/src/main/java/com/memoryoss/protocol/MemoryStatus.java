package com.memoryoss.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Lifecycle status of a memory. Only {@link #ACTIVE} memories are ever injected into prompts. */
public enum MemoryStatus {
  CANDIDATE(0.75),
  ACTIVE(1.0),
  CONTESTED(0.55),
  STALE(0.70);

  private final double rankFactor;

  MemoryStatus(double rankFactor) {
    this.rankFactor = rankFactor;
  }

  /** Multiplier applied to a memory's recall score for this status. */
  public double rankFactor() {
    return rankFactor;
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static MemoryStatus fromWire(String value) {
    for (MemoryStatus s : values()) {
      if (s.wireName().equals(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("status must be one of candidate, active, contested, stale");
  }
}
