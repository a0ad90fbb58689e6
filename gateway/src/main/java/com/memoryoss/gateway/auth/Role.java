package com.memoryoss.gateway.auth;

import java.util.Locale;

/** Roles in increasing power: each one can do everything the one before it can. */
public enum Role {
  READER,
  WRITER,
  ADMIN;

  public boolean atLeast(Role other) {
    return compareTo(other) >= 0;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code reader}, {@code writer} or {@code admin}; {@code null} for anything else. */
  public static Role parse(String s) {
    if (s == null) {
      return null;
    }
    return switch (s) {
      case "reader" -> READER;
      case "writer" -> WRITER;
      case "admin" -> ADMIN;
      default -> null;
    };
  }
}
