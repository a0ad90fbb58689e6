package com.memoryoss.extractor;

import java.util.ArrayList;
import java.util.List;

/**
 * The text an extractor reads: the first system and user turns (they usually state the task),
 * the most recent turns that fit a budget, and the assistant's answer (its end) — redacted.
 * Built by characters, never splitting a surrogate pair.
 */
public final class Conversation {
  static final int SYSTEM_CHARS = 2_000;
  static final int FIRST_USER_CHARS = 2_000;
  static final int RECENT_CHARS = 8_000;
  static final int ANSWER_CHARS = 4_000;

  private Conversation() {}

  public static String render(Exchange e) {
    List<Exchange.Turn> turns = e.messages();
    StringBuilder head = new StringBuilder();
    int firstSystem = -1;
    int firstUser = -1;
    for (int i = 0; i < turns.size(); i++) {
      if (firstSystem < 0 && turns.get(i).role().equals("system")) {
        firstSystem = i;
      }
      if (firstUser < 0 && turns.get(i).role().equals("user")) {
        firstUser = i;
      }
    }
    if (firstSystem >= 0) {
      head.append("system: ").append(head(turns.get(firstSystem).text(), SYSTEM_CHARS))
          .append("\n\n");
    }
    if (firstUser >= 0) {
      head.append("user: ").append(head(turns.get(firstUser).text(), FIRST_USER_CHARS))
          .append("\n\n");
    }
    List<String> recent = new ArrayList<>();
    int used = 0;
    for (int i = turns.size() - 1; i >= 0; i--) {
      if (i == firstSystem || i == firstUser) {
        continue;
      }
      String line = turns.get(i).role() + ": " + turns.get(i).text() + "\n\n";
      if (used + line.length() > RECENT_CHARS) {
        break;
      }
      recent.add(0, line);
      used += line.length();
    }
    StringBuilder sb = new StringBuilder(head);
    recent.forEach(sb::append);
    sb.append("assistant: ").append(tail(e.assistant(), ANSWER_CHARS));
    return Redactor.redact(sb.toString());
  }

  static String head(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end) + " …";
  }

  static String tail(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int start = s.length() - max;
    if (Character.isLowSurrogate(s.charAt(start))) {
      start++;
    }
    return "… " + s.substring(start);
  }
}
