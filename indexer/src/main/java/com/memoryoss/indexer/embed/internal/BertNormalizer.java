package com.memoryoss.indexer.embed.internal;

import java.text.Normalizer;

/**
 * The BERT text normalizer of HuggingFace {@code tokenizers} ({@code "type": "BertNormalizer"}),
 * reproduced character for character so token ids match the reference tokenizer the models were
 * exported with.
 *
 * <p>Steps, in the reference order: clean text (drop NUL, U+FFFD and control/format/private-use
 * characters; turn every whitespace character into a space), put spaces around CJK ideographs,
 * strip accents (NFD, then drop non-spacing marks), lowercase. Each step only looks at one
 * character at a time except NFD, whose reordering never crosses a whitespace character, so any
 * text may be normalized in whitespace-separated pieces with the same result as a whole.
 *
 * <p>Deliberate deviations: a lone UTF-16 surrogate (which a Java string may hold but the Rust
 * reference can never see) is dropped like a control character. Character properties come from the
 * running JDK's Unicode tables, which may be newer than the reference's; that only matters for
 * characters assigned in recent Unicode versions.
 *
 * <p>Immutable and thread-safe.
 *
 * @param stripAccents already resolved: the JSON's {@code null} means "same as lowercase"
 */
public record BertNormalizer(
    boolean cleanText, boolean handleChineseChars, boolean stripAccents, boolean lowercase) {

  public String normalize(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    boolean ascii = true;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cleanText) {
        if (cp == 0 || cp == 0xFFFD || isControl(cp) || Character.isSurrogate((char) cp)) {
          continue;
        }
        if (isWhitespace(cp)) {
          sb.append(' ');
          continue;
        }
      }
      if (cp >= 0x80) {
        ascii = false;
      }
      if (handleChineseChars && isChineseChar(cp)) {
        sb.append(' ').appendCodePoint(cp).append(' ');
      } else {
        sb.appendCodePoint(cp);
      }
    }
    String s = sb.toString();
    // ASCII has neither decompositions nor marks, and most memories are ASCII: skip NFD then.
    if (stripAccents && !ascii) {
      s = stripNonSpacingMarks(Normalizer.normalize(s, Normalizer.Form.NFD));
    }
    return lowercase ? lowercase(s) : s;
  }

  /** Unicode White_Space (Rust's {@code char::is_whitespace}), which Java has no method for. */
  public static boolean isWhitespace(int cp) {
    return (cp >= 0x09 && cp <= 0x0D)
        || cp == 0x20
        || cp == 0x85
        || cp == 0xA0
        || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200A)
        || cp == 0x2028
        || cp == 0x2029
        || cp == 0x202F
        || cp == 0x205F
        || cp == 0x3000;
  }

  /**
   * Control in the reference's sense: categories Cc, Cf and Co, except tab, newline and carriage
   * return, which count as whitespace. (So U+000B, U+000C and U+0085, though whitespace, are
   * removed rather than turned into spaces, exactly as the reference does.)
   */
  public static boolean isControl(int cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    int type = Character.getType(cp);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.PRIVATE_USE;
  }

  /** ASCII punctuation (which includes symbols such as {@code $ + < = > ^ ` | ~}) or Unicode P*. */
  public static boolean isPunctuation(int cp) {
    if (cp < 0x80) {
      return (cp >= 33 && cp <= 47)
          || (cp >= 58 && cp <= 64)
          || (cp >= 91 && cp <= 96)
          || (cp >= 123 && cp <= 126);
    }
    return switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION ->
          true;
      default -> false;
    };
  }

  /**
   * The reference's CJK ideograph ranges, verbatim. Its fifth range starts at U+2B920 rather than
   * U+2B820 (Extension E); kept so that ids match.
   */
  public static boolean isChineseChar(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F)
        || (cp >= 0x2B740 && cp <= 0x2B81F)
        || (cp >= 0x2B920 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }

  private static String stripNonSpacingMarks(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.getType(cp) != Character.NON_SPACING_MARK) {
        sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }

  /**
   * Per-character full lowercase mapping, as the reference does. Not {@link String#toLowerCase}:
   * that applies the context-dependent final-sigma rule, which the reference does not.
   */
  private static String lowercase(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int n = Character.charCount(cp);
      // U+0130 is the only character whose full lowercase mapping has two code points.
      int lower = cp == 0x130 ? 'i' : Character.toLowerCase(cp);
      if (sb == null && lower != cp) {
        sb = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (sb != null) {
        sb.appendCodePoint(lower);
        if (cp == 0x130) {
          sb.append('\u0307');
        }
      }
      i += n;
    }
    return sb == null ? s : sb.toString();
  }
}
