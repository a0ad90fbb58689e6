package com.memoryoss.extractor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Offline extraction for users without an LLM key: picks sentences of the last user message that
 * state a preference, a convention, a decision or a constraint in a recognisable form ("I prefer
 * ...", "we always ...", "never ...", "we decided to ...", "the X is Y", "use X instead of Y").
 *
 * <p>Limits, honestly: English only; it never paraphrases, so facts are the user's own sentences
 * (pronouns and all); it misses facts stated indirectly or only by the assistant; it cannot
 * judge importance. Its facts start as candidates like any other. Thread-safe.
 */
public final class HeuristicFactExtractor implements FactExtractor {
  private static final Pattern CUE = Pattern.compile(
      "\\b(i|we) (prefer|like|want|need|use|always|never|usually|decided|chose|agreed)\\b"
          + "|\\b(always|never|must|don't|do not|avoid|instead of|make sure|remember that"
          + "|from now on|going forward|our convention|the convention|we standardi[sz]ed)\\b"
          + "|\\b(is|are) (located|stored|deployed|hosted|running) (at|in|on)\\b"
          + "|\\b(port|path|url|endpoint|version|branch|directory|folder) (is|=)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern QUESTION = Pattern.compile("\\?\\s*$");

  @Override
  public String source() {
    return "proxy-heuristic";
  }

  @Override
  public CompletionStage<List<Fact>> extract(String conversation) {
    String lastUser = lastUser(conversation);
    List<Fact> facts = new ArrayList<>();
    for (String sentence : lastUser.split("(?<=[.!?])\\s+|\\n+")) {
      String s = sentence.strip();
      if (s.length() < 12 || s.length() > 400 || QUESTION.matcher(s).find()
          || s.contains("[REDACTED:") || !CUE.matcher(s).find()) {
        continue;
      }
      facts.add(new Fact(s, List.of(tag(s))));
      if (facts.size() == FactParser.MAX_FACTS) {
        break;
      }
    }
    return CompletableFuture.completedFuture(facts);
  }

  private static String lastUser(String conversation) {
    int at = conversation.lastIndexOf("\n\nuser: ");
    if (at < 0) {
      at = conversation.startsWith("user: ") ? -2 : -1;
    }
    if (at == -1) {
      return "";
    }
    int start = at == -2 ? 6 : at + 8;
    int end = conversation.indexOf("\n\nassistant: ", start);
    return conversation.substring(start, end < 0 ? conversation.length() : end);
  }

  private static String tag(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    if (l.matches(".*\\b(prefer|like|want)\\b.*")) {
      return "preference";
    }
    if (l.matches(".*\\b(decided|chose|agreed)\\b.*")) {
      return "decision";
    }
    if (l.matches(".*\\b(never|don't|do not|avoid|must)\\b.*")) {
      return "constraint";
    }
    return "convention";
  }
}
