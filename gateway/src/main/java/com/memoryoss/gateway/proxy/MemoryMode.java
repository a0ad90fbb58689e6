package com.memoryoss.gateway.proxy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * What memory does for one request: {@code full} (recall and learn), {@code readonly} (recall
 * only), {@code writeonly} (learn from the exchange, inject nothing: the request goes upstream
 * unchanged), {@code after} (recall only memories created after a cutoff, and learn), {@code off}
 * (neither: the request is forwarded untouched).
 */
public enum MemoryMode {
  FULL,
  READONLY,
  WRITEONLY,
  AFTER,
  OFF;

  public boolean recalls() {
    return this == FULL || this == READONLY || this == AFTER;
  }

  public boolean learns() {
    return this == FULL || this == WRITEONLY || this == AFTER;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a mode name (with the original's aliases); empty for unknown names. */
  public static Optional<MemoryMode> parse(String s) {
    if (s == null) {
      return Optional.empty();
    }
    return switch (s.strip().toLowerCase(Locale.ROOT)) {
      case "full" -> Optional.of(FULL);
      case "off", "none", "disabled" -> Optional.of(OFF);
      case "readonly", "read-only", "read_only", "ro" -> Optional.of(READONLY);
      case "writeonly", "write-only", "write_only", "wo" -> Optional.of(WRITEONLY);
      case "after" -> Optional.of(AFTER);
      default -> Optional.empty();
    };
  }

  /** {@code YYYY-MM-DD} (midnight UTC) or an RFC 3339 timestamp. */
  public static Optional<Instant> parseDate(String s) {
    if (s == null || s.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(s.strip()).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeParseException notADate) {
      try {
        return Optional.of(Instant.parse(s.strip()));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
  }

  /** The mode of one request, and the cutoff for {@link #AFTER}. */
  public record Resolved(MemoryMode mode, Instant after) {}

  /**
   * Resolves the request's mode. Client headers ({@code X-Memory-Mode}, {@code X-Memory-After},
   * {@code X-Memory-Bypass}) count only when the operator allows client memory control; no header
   * gets around that.
   */
  public static Resolved resolve(
      ProxySettings s, Optional<String> modeHeader, Optional<String> afterHeader,
      Optional<String> bypassHeader) {
    MemoryMode mode = s.defaultMode();
    Instant after = s.memoryAfter();
    if (s.allowClientMemoryControl()) {
      if (bypassHeader.map(b -> b.equalsIgnoreCase("true") || b.equals("1")).orElse(false)) {
        return new Resolved(OFF, null);
      }
      mode = modeHeader.flatMap(MemoryMode::parse).orElse(mode);
      after = afterHeader.flatMap(MemoryMode::parseDate).orElse(after);
    }
    if (mode == AFTER && after == null) {
      mode = READONLY; // "after" without a cutoff: recall everything, but learn nothing unasked
    }
    return new Resolved(mode, mode == AFTER ? after : null);
  }
}
