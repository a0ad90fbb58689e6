package com.memoryoss.indexer;

import com.memoryoss.protocol.HitSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact renderings of recall hits: the first sentence (140 characters at most) and up to two
 * further sentences as evidence (90 characters each).
 */
public final class Summaries {
  private static final int SUMMARY_CHARS = 140;
  private static final int EVIDENCE_CHARS = 90;
  private static final int SINGLE_SENTENCE_EVIDENCE = 120;

  private Summaries() {}

  public static HitSummary of(Ranked r, boolean lowTrust) {
    List<String> sentences = sentences(r.memory().content());
    String first = sentences.isEmpty() ? r.memory().content().strip() : sentences.get(0);
    String summary =
        first.length() <= SUMMARY_CHARS
            ? (endsWithPunctuation(first) ? first : first + ".")
            : truncate(first, SUMMARY_CHARS) + "...";
    List<String> evidence = new ArrayList<>();
    if (sentences.size() > 1) {
      for (int i = 1; i < Math.min(3, sentences.size()); i++) {
        evidence.add(truncate(sentences.get(i), EVIDENCE_CHARS));
      }
    } else if (r.memory().content().length() <= SINGLE_SENTENCE_EVIDENCE) {
      evidence.add(r.memory().content().strip());
    }
    return new HitSummary(r.memory().id(), summary, r.score(), r.trust(), lowTrust,
        r.memory().status(), r.memory().tags(), r.provenance(), evidence);
  }

  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        flush(current, out);
        continue;
      }
      current.append(c);
      if (c == '.' || c == '!' || c == '?') {
        flush(current, out);
      }
    }
    flush(current, out);
    return out;
  }

  private static void flush(StringBuilder sb, List<String> out) {
    String s = sb.toString().strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
    sb.setLength(0);
  }

  private static boolean endsWithPunctuation(String s) {
    char c = s.charAt(s.length() - 1);
    return c == '.' || c == '!' || c == '?';
  }

  /** At most {@code max} characters, never splitting a surrogate pair. */
  static String truncate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }
}
