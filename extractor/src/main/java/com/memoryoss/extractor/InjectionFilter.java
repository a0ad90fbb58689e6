package com.memoryoss.extractor;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises text that tries to steer a model instead of stating a fact: role markers, chat
 * template tokens and instruction overrides ("ignore previous instructions", "you are now ...").
 * Text is NFKC-normalised, case-folded and stripped of zero-width and bidirectional control
 * characters first, so look-alike and hidden-character tricks do not get through.
 *
 * <p>A memory this filter flags is never stored as active and never injected into a prompt.
 * Thread-safe.
 */
public final class InjectionFilter {
  private static final Pattern INVISIBLE =
      Pattern.compile("[\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF"
          + "\\u00AD\\u180E\\u061C]");
  private static final List<Pattern> PATTERNS = List.of(
      // role markers and chat-template tokens
      Pattern.compile("(^|\\n)\\s*(system|assistant|human)\\s*:"),
      Pattern.compile("\\[/?(system|inst)\\]|<\\|(im_start|im_end|endoftext|begin_of_text"
          + "|start_header_id|end_header_id|eot_id)\\|>|</?s>"),
      Pattern.compile("(^|\\n)\\s*#{1,3}\\s*(system|assistant)\\b"),
      Pattern.compile("<!--|-->"),
      // instruction overrides
      Pattern.compile("\\b(ignore|disregard|forget|override|overwrite|bypass)\\b[^.\\n]{0,40}"
          + "\\b(previous|prior|above|earlier|all|any|your|the|system)\\b[^.\\n]{0,25}"
          + "\\b(instructions?|prompts?|rules|guidelines|directives|context|messages?)\\b"),
      Pattern.compile("\\bforget (everything|all)\\b"),
      Pattern.compile("\\bnew (system )?instructions?\\s*:"),
      Pattern.compile("\\byou are now\\b|\\bfrom now on,? you (are|will|must)\\b"),
      Pattern.compile("\\b(act as if|pretend (to be|you are)|roleplay as)\\b"),
      Pattern.compile("\\b(do not|don't) follow (the|your|any)\\b"),
      Pattern.compile("\\bsystem prompt\\s*:|\\b(reveal|show|print|repeat|leak)\\b[^.\\n]{0,20}"
          + "\\b(system prompt|your (prompt|instructions))\\b"),
      Pattern.compile("\\b(always|must) (respond|reply|answer) (with|only)\\b"),
      Pattern.compile("\\bjailbreak\\b|\\bdeveloper mode\\b|\\bdan mode\\b"));

  private InjectionFilter() {}

  /** The text as the checks see it: NFKC, no invisible characters, lower case. */
  public static String normalize(String text) {
    String n = Normalizer.normalize(text, Normalizer.Form.NFKC);
    n = INVISIBLE.matcher(n).replaceAll("");
    return n.toLowerCase(Locale.ROOT);
  }

  /** True when the text is safe to store as a fact and to inject into a prompt. */
  public static boolean isSafe(String text) {
    String n = normalize(text);
    for (Pattern p : PATTERNS) {
      if (p.matcher(n).find()) {
        return false;
      }
    }
    long markup = n.chars().filter(c -> "<>{}|\\".indexOf(c) >= 0).count();
    return n.isEmpty() || markup <= 0.15 * n.length();
  }
}
