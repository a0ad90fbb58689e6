package com.memoryoss.cli.setup;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds where things are in a JSON text, so that an edit can change one value and leave every
 * other byte (formatting, key order, number spelling, escapes) exactly as it was. Strict JSON
 * (RFC 8259): no comments, no trailing commas.
 */
final class JsonScanner {
  /** A value's extent: {@code [start, end)} in the text; members only for objects. */
  record Value(char kind, int start, int end, List<Member> members) {
    boolean isObject() {
      return kind == '{';
    }

    Member member(String key) {
      for (Member m : members) {
        if (m.key().equals(key)) {
          return m;
        }
      }
      return null;
    }
  }

  /** One object member: its key as decoded, where the key starts, and its value. */
  record Member(String key, int keyStart, Value value) {}

  private final String s;
  private int i;

  private JsonScanner(String s) {
    this.s = s;
  }

  /**
   * Scans a whole document.
   *
   * @throws IllegalArgumentException with the offset, if it is not one JSON value
   */
  static Value scan(String text) {
    JsonScanner p = new JsonScanner(text);
    p.ws();
    Value v = p.value();
    p.ws();
    if (p.i != text.length()) {
      throw p.error("unexpected text after the JSON value");
    }
    return v;
  }

  private Value value() {
    if (i >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(i);
    int start = i;
    switch (c) {
      case '{' -> {
        return object();
      }
      case '[' -> {
        i++;
        ws();
        if (peek() == ']') {
          i++;
          return new Value('[', start, i, List.of());
        }
        while (true) {
          ws();
          value();
          ws();
          if (peek() == ',') {
            i++;
          } else if (peek() == ']') {
            i++;
            return new Value('[', start, i, List.of());
          } else {
            throw error("expected , or ]");
          }
        }
      }
      case '"' -> {
        string();
        return new Value('"', start, i, List.of());
      }
      default -> {
        while (i < s.length() && "{}[],: \t\r\n".indexOf(s.charAt(i)) < 0) {
          i++;
        }
        String word = s.substring(start, i);
        if (!word.matches("true|false|null|-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
          throw error("invalid value '" + word + "'");
        }
        return new Value(word.charAt(0) == 't' || word.charAt(0) == 'f' ? 'b'
            : word.charAt(0) == 'n' ? 'n' : '0', start, i, List.of());
      }
    }
  }

  private Value object() {
    int start = i++;
    List<Member> members = new ArrayList<>();
    ws();
    if (peek() == '}') {
      i++;
      return new Value('{', start, i, members);
    }
    while (true) {
      ws();
      if (peek() != '"') {
        throw error("expected a member name");
      }
      int keyStart = i;
      String key = string();
      ws();
      if (peek() != ':') {
        throw error("expected :");
      }
      i++;
      ws();
      members.add(new Member(key, keyStart, value()));
      ws();
      if (peek() == ',') {
        i++;
      } else if (peek() == '}') {
        i++;
        return new Value('{', start, i, members);
      } else {
        throw error("expected , or }");
      }
    }
  }

  private String string() {
    StringBuilder b = new StringBuilder();
    i++;
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == '"') {
        return b.toString();
      }
      if (c == '\\') {
        if (i >= s.length()) {
          break;
        }
        char e = s.charAt(i++);
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'u' -> {
            if (i + 4 > s.length()) {
              throw error("bad \\u escape");
            }
            try {
              b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            } catch (NumberFormatException bad) {
              throw error("bad \\u escape");
            }
            i += 4;
          }
          default -> throw error("bad escape");
        }
      } else if (c < 0x20) {
        throw error("control character in a string");
      } else {
        b.append(c);
      }
    }
    throw error("unterminated string");
  }

  private char peek() {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private void ws() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at offset " + i);
  }
}
