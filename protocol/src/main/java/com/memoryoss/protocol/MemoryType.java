package com.memoryoss.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Kind of memory, as on the wire ({@code "semantic"} by default). Names are frozen. */
public enum MemoryType {
  EPISODIC,
  SEMANTIC,
  PROCEDURAL,
  WORKING;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; throws {@link IllegalArgumentException} naming the accepted values. */
  @JsonCreator
  public static MemoryType fromWire(String value) {
    for (MemoryType t : values()) {
      if (t.wireName().equals(value)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "memory_type must be one of episodic, semantic, procedural, working");
  }
}
