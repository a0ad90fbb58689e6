package com.memoryoss.cli.setup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Asks the user. {@link #defaults()} answers every question with its default (non-interactive
 * runs); {@link #reading} asks on a terminal (or any reader, for tests).
 */
public interface Prompter {
  /** One of {@code choices}; {@code def} on an empty answer. */
  String choose(String question, List<String> choices, String def);

  boolean confirm(String question, boolean def);

  int number(String question, int def, int min, int max);

  static Prompter defaults() {
    return new Prompter() {
      @Override
      public String choose(String question, List<String> choices, String def) {
        return def;
      }

      @Override
      public boolean confirm(String question, boolean def) {
        return def;
      }

      @Override
      public int number(String question, int def, int min, int max) {
        return def;
      }
    };
  }

  /** Asks on {@code out} and reads answers from {@code in}; end of input takes the default. */
  static Prompter reading(BufferedReader in, PrintStream out) {
    return new Prompter() {
      private String ask(String prompt) {
        out.print(prompt);
        out.flush();
        try {
          String line = in.readLine();
          if (line == null) {
            out.println();
            return "";
          }
          return line.strip();
        } catch (IOException e) {
          return "";
        }
      }

      @Override
      public String choose(String question, List<String> choices, String def) {
        while (true) {
          String a = ask(question + " [" + String.join("/", choices) + "] (default " + def
              + "): ").toLowerCase(Locale.ROOT);
          if (a.isEmpty()) {
            return def;
          }
          for (String c : choices) {
            if (c.equals(a) || c.startsWith(a)) {
              return c;
            }
          }
          out.println("  please answer one of: " + String.join(", ", choices));
        }
      }

      @Override
      public boolean confirm(String question, boolean def) {
        while (true) {
          String a = ask(question + (def ? " [Y/n]: " : " [y/N]: ")).toLowerCase(Locale.ROOT);
          if (a.isEmpty()) {
            return def;
          }
          if (a.equals("y") || a.equals("yes")) {
            return true;
          }
          if (a.equals("n") || a.equals("no")) {
            return false;
          }
          out.println("  please answer y or n");
        }
      }

      @Override
      public int number(String question, int def, int min, int max) {
        while (true) {
          String a = ask(question + " (default " + def + "): ");
          if (a.isEmpty()) {
            return def;
          }
          try {
            int n = Integer.parseInt(a);
            if (n >= min && n <= max) {
              return n;
            }
          } catch (NumberFormatException e) {
            // asked again below
          }
          out.println("  please give a number from " + min + " to " + max);
        }
      }
    };
  }
}
