package com.memoryoss.indexer;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds identifiers in text — things that must match literally rather than by meaning: URLs,
 * paths and file names, environment variables, hashes, versions, code identifiers (snake_case,
 * camelCase, dotted names), quoted spans and issue numbers. Matching is case-insensitive, so
 * identifiers are returned lower-cased.
 */
public final class Identifiers {
  private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>)\\]]+");
  private static final Pattern PATH = Pattern.compile(
      "(?<![\\w/])(?:~|\\.{1,2})?/(?:[\\w.@-]+/)*[\\w.@-]+|\\b[\\w.-]+(?:/[\\w.@-]+){1,}");
  private static final Pattern FILE = Pattern.compile(
      "\\b[\\w-]+(?:\\.[\\w-]+)*\\.(?:java|py|ts|tsx|js|jsx|mjs|rs|go|rb|php|cs|cpp|cc|c|h|hpp"
          + "|kt|kts|scala|swift|toml|ya?ml|json|xml|md|txt|sh|bash|zsh|sql|gradle|lock|conf|cfg"
          + "|ini|env|properties|proto|tf|dockerfile|html|css|scss|vue|svelte)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern ENV = Pattern.compile("\\$?\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");
  private static final Pattern HASH = Pattern.compile("\\b(?=[0-9a-f]*\\d)(?=[0-9a-f]*[a-f])"
      + "[0-9a-f]{7,64}\\b");
  private static final Pattern VERSION = Pattern.compile(
      "\\bv?\\d+\\.\\d+(?:\\.\\d+)*(?:-[0-9A-Za-z.]+)?\\b");
  private static final Pattern SNAKE = Pattern.compile("\\b[A-Za-z][a-z0-9]*(?:_[A-Za-z0-9]+)+\\b");
  private static final Pattern CAMEL = Pattern.compile("\\b[a-z]+(?:[A-Z][a-z0-9]*)+\\b"
      + "|\\b(?:[A-Z][a-z0-9]+){2,}\\b");
  private static final Pattern DOTTED = Pattern.compile("\\b[A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*){2,}\\b");
  private static final Pattern KEBAB = Pattern.compile("\\b[a-z0-9]+(?:-[a-z0-9]+){2,}\\b");
  private static final Pattern QUOTED = Pattern.compile("`([^`]{3,80})`|\"([^\"]{3,80})\"");
  private static final Pattern ISSUE = Pattern.compile("#\\d{2,}\\b");
  /** A pattern and a character every match contains (0: none), to skip hopeless scans. */
  private record Finder(Pattern pattern, char needs) {}

  // Most text is prose without any of these characters: the cheap check keeps indexing (and a
  // restart's index rebuild) from running a dozen regex scans over every memory.
  private static final Finder[] ALL = {new Finder(URL, ':'), new Finder(PATH, '/'),
      new Finder(FILE, '.'), new Finder(ENV, '_'), new Finder(HASH, (char) 0),
      new Finder(VERSION, '.'), new Finder(SNAKE, '_'), new Finder(CAMEL, (char) 0),
      new Finder(DOTTED, '.'), new Finder(KEBAB, '-'), new Finder(ISSUE, '#')};

  private Identifiers() {}

  /** The distinct identifiers in {@code text}, lower-cased, in order of first appearance. */
  public static Set<String> of(String text) {
    Set<String> out = new LinkedHashSet<>();
    if (text.indexOf('`') >= 0 || text.indexOf('"') >= 0) {
      Matcher q = QUOTED.matcher(text);
      while (q.find()) {
        String span = q.group(1) != null ? q.group(1) : q.group(2);
        if (span.strip().indexOf(' ') < 0) {
          out.add(span.strip().toLowerCase(Locale.ROOT));
        }
      }
    }
    for (Finder f : ALL) {
      if (f.needs() != 0 && text.indexOf(f.needs()) < 0) {
        continue;
      }
      Matcher m = f.pattern().matcher(text);
      while (m.find()) {
        String id = trim(m.group());
        // "$DATABASE_URL" names DATABASE_URL; "v2.14.3" is version 2.14.3.
        if (id.startsWith("$") || (f.pattern() == VERSION
            && (id.startsWith("v") || id.startsWith("V")))) {
          id = id.substring(1);
        }
        if (id.length() >= 3) {
          out.add(id.toLowerCase(Locale.ROOT));
        }
      }
    }
    return out;
  }

  private static String trim(String s) {
    int end = s.length();
    while (end > 0 && ".,;:!?)".indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(0, end);
  }
}
