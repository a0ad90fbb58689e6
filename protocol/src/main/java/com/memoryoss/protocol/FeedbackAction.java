package com.memoryoss.protocol;

import java.util.Locale;
import java.util.Optional;

/** What a caller says about a memory: it holds, it is wrong, or another memory replaces it. */
public enum FeedbackAction {
  CONFIRM,
  REJECT,
  SUPERSEDE;

  /** The API's and the journal's name: {@code confirm}, {@code reject}, {@code supersede}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<FeedbackAction> parse(String s) {
    for (FeedbackAction a : values()) {
      if (a.wireName().equals(s)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
