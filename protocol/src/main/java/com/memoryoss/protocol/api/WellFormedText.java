package com.memoryoss.protocol.api;

import com.memoryoss.protocol.MemoryException;

/** The Unicode rule every text of a request obeys before it reaches a namespace. */
public final class WellFormedText {
  private WellFormedText() {}

  /**
   * Refuses text that is not well-formed Unicode: a lone surrogate cannot be encoded (the journal
   * would fail on it) and a non-character has no business in a memory.
   */
  public static void check(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, value.charAt(++i));
          if ((cp & 0xFFFE) == 0xFFFE) {
            throw nonCharacter(field);
          }
          continue;
        }
        throw loneSurrogate(field);
      }
      if (Character.isLowSurrogate(c)) {
        throw loneSurrogate(field);
      }
      if ((c >= 0xFDD0 && c <= 0xFDEF) || c == 0xFFFE || c == 0xFFFF || c == 0) {
        throw nonCharacter(field);
      }
    }
  }

  private static MemoryException loneSurrogate(String field) {
    return MemoryException.invalid(field + " is not valid Unicode (lone surrogate)");
  }

  private static MemoryException nonCharacter(String field) {
    return MemoryException.invalid(field + " is not valid Unicode (non-character or NUL)");
  }
}
