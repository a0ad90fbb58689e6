package com.memoryoss.cli.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The managed block of {@code BASE_URL} exports in a shell rc file. Only the lines between the
 * markers are ever written or removed: every other line stays, including the user's own exports
 * of the same variables (the original deleted any line mentioning them).
 */
final class ShellBlock {
  static final String BEGIN = "# >>> memoryOSS proxy >>>";
  static final String END = "# <<< memoryOSS proxy <<<";

  private ShellBlock() {}

  /**
   * The text with the block holding exactly {@code exports} ({@code NAME=value} pairs), or with
   * the block removed when {@code exports} is empty; {@code text} itself (null for no file) when
   * nothing changes.
   */
  static String apply(String text, String file, List<String> exports) {
    String original = text == null ? "" : text;
    String nl = original.contains("\r\n") ? "\r\n" : "\n";
    List<String> lines = original.isEmpty() ? new ArrayList<>()
        : new ArrayList<>(List.of(original.split("\r?\n", -1)));
    boolean endsWithNewline = original.endsWith("\n");
    if (endsWithNewline) {
      lines.remove(lines.size() - 1);
    }
    int begin = indexOf(lines, BEGIN, 0);
    int end = begin < 0 ? -1 : indexOf(lines, END, begin + 1);
    if (begin >= 0 && end < 0) {
      throw new SetupException(file + " has the line \"" + BEGIN + "\" but not \"" + END
          + "\"; it was left alone. Remove the broken block by hand.");
    }
    List<String> block = block(exports);
    if (begin >= 0) {
      List<String> out = new ArrayList<>(lines.subList(0, begin));
      out.addAll(block);
      out.addAll(lines.subList(end + 1, lines.size()));
      lines = out;
    } else if (!block.isEmpty()) {
      if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
        lines.add("");
      }
      lines.addAll(block);
      endsWithNewline = true;
    } else {
      return text;
    }
    String result = String.join(nl, lines) + (endsWithNewline && !lines.isEmpty() ? nl : "");
    return result.equals(original) ? text : result;
  }

  /** Lines outside the block that set one of the variables, which would override the block. */
  static List<String> conflicting(String text, List<String> exports) {
    List<String> found = new ArrayList<>();
    if (text == null) {
      return found;
    }
    boolean inBlock = false;
    for (String line : text.split("\r?\n")) {
      if (line.equals(BEGIN)) {
        inBlock = true;
      } else if (line.equals(END)) {
        inBlock = false;
      } else if (!inBlock) {
        for (String e : exports) {
          String name = e.substring(0, e.indexOf('='));
          if (Pattern.compile("^\\s*(export\\s+)?" + name + "=").matcher(line).find()) {
            found.add(line.strip());
          }
        }
      }
    }
    return found;
  }

  private static List<String> block(List<String> exports) {
    if (exports.isEmpty()) {
      return List.of();
    }
    List<String> b = new ArrayList<>();
    b.add(BEGIN);
    b.add("# Written by `memoryoss setup`: API clients go through the local memoryOSS proxy.");
    b.add("# Run setup again to change it, or delete this block to stop.");
    for (String e : exports) {
      int eq = e.indexOf('=');
      b.add("export " + e.substring(0, eq) + "=\"" + e.substring(eq + 1) + "\"");
    }
    b.add(END);
    return b;
  }

  private static int indexOf(List<String> lines, String marker, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(marker)) {
        return i;
      }
    }
    return -1;
  }
}
