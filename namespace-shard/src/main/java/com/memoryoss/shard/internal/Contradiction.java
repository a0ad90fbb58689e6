package com.memoryoss.shard.internal;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells whether a new fact contradicts an older memory about the same thing: one negates the
 * other ("deploys need approval" / "deploys do not need approval"), or both state a value for the
 * same subject and the values differ ("the staging port is 5433" / "the staging port is 6543").
 * Callers only ask about pairs that are already close in meaning.
 */
public final class Contradiction {
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_./:-]+");
  private static final Pattern VALUE = Pattern.compile(".*\\d.*|v?\\d+(\\.\\d+)+.*");
  private static final Set<String> NEGATIONS = Set.of("no", "not", "never", "without", "cannot",
      "cant", "can't", "dont", "don't", "doesnt", "doesn't", "wont", "won't", "isnt", "isn't",
      "arent", "aren't", "shouldnt", "shouldn't", "mustnt", "mustn't", "stop", "stopped",
      "disable", "disabled", "avoid", "forbid", "forbidden");
  private static final Set<String> STOP = Set.of("the", "a", "an", "is", "are", "was", "were",
      "be", "to", "of", "in", "on", "for", "and", "or", "we", "our", "it", "its", "this", "that",
      "with", "as", "at", "by", "use", "uses", "using", "now", "should", "must", "will", "do",
      "does", "has", "have", "i", "you", "they", "user", "users", "from", "into");

  private Contradiction() {}

  public static boolean between(String newer, String older) {
    Sig a = sig(newer);
    Sig b = sig(older);
    Set<String> shared = new HashSet<>(a.core);
    shared.retainAll(b.core);
    Set<String> union = new HashSet<>(a.core);
    union.addAll(b.core);
    if (union.isEmpty()) {
      return false;
    }
    double overlap = (double) shared.size() / union.size();
    if (a.negative != b.negative && shared.size() >= 2 && overlap >= 0.5) {
      return true;
    }
    // Same subject, different value: everything but the values agrees.
    return !a.values.isEmpty() && !b.values.isEmpty() && !a.values.equals(b.values)
        && shared.size() >= 2 && overlap >= 0.6 && a.negative == b.negative;
  }

  private record Sig(Set<String> core, Set<String> values, boolean negative) {}

  private static Sig sig(String text) {
    Set<String> core = new HashSet<>();
    Set<String> values = new HashSet<>();
    boolean negative = false;
    var m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String t = m.group().replaceAll("^[./:-]+|[./:-]+$", "");
      if (t.isEmpty()) {
        continue;
      }
      if (NEGATIONS.contains(t)) {
        negative = !negative;
      } else if (VALUE.matcher(t).matches()) {
        values.add(t);
      } else if (!STOP.contains(t) && t.length() > 1) {
        core.add(t.endsWith("s") && t.length() > 3 ? t.substring(0, t.length() - 1) : t);
      }
    }
    return new Sig(core, values, negative);
  }
}
