package com.memoryoss.cli.setup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;

/**
 * Sets {@code root[section][name]} in a JSON file by changing only that member's text: every
 * other byte of the file stays as it was. New text follows the file's own style (its newline,
 * its indentation unit, pretty or single-line), rendered like {@code JSON.stringify(v, null, n)}
 * as Claude Code and Cursor write these files.
 */
final class JsonEdit {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonEdit() {}

  /**
   * The edited text, or {@code text} itself when the member already has that value.
   *
   * @param text the file's content; null or blank for a file that does not exist yet
   * @throws SetupException if the file is not JSON or {@code section} is not an object
   */
  static String put(String text, String file, String section, String name, JsonNode value) {
    if (text == null || text.isBlank()) {
      String nl = "\n";
      return "{" + nl + "  " + quote(section) + ": {" + nl + "    " + quote(name) + ": "
          + render(value, "    ", "  ", nl) + nl + "  }" + nl + "}" + nl;
    }
    JsonScanner.Value root;
    try {
      root = JsonScanner.scan(text);
    } catch (IllegalArgumentException e) {
      throw new SetupException(file + " is not valid JSON (" + e.getMessage()
          + "); it was left alone. Fix it, then run setup again.");
    }
    if (!root.isObject()) {
      throw new SetupException(file + " does not hold a JSON object; it was left alone.");
    }
    Style style = Style.of(text, root);
    JsonScanner.Member sec = root.member(section);
    if (sec == null) {
      String member = quote(section) + ": {" + (style.pretty
          ? style.nl + style.indentOf(root) + style.unit + quote(name) + ": "
              + render(value, style.indentOf(root) + style.unit, style.unit, style.nl)
              + style.nl + style.indentOf(root)
          : quote(name) + ":" + compact(value)) + "}";
      return insert(text, root, member, style);
    }
    if (!sec.value().isObject()) {
      throw new SetupException(file + ": \"" + section + "\" is not a JSON object; it was left"
          + " alone. Fix it by hand, then run setup again.");
    }
    JsonScanner.Member existing = sec.value().member(name);
    if (existing != null) {
      JsonScanner.Value v = existing.value();
      if (parse(text.substring(v.start(), v.end())).equals(value)) {
        return text;
      }
      String indent = lineIndent(text, existing.keyStart());
      String replacement = style.pretty ? render(value, indent, style.unit, style.nl)
          : compact(value);
      return text.substring(0, v.start()) + replacement + text.substring(v.end());
    }
    String indent = style.indentOf(sec.value());
    String member = quote(name) + (style.pretty ? ": " + render(value, indent, style.unit,
        style.nl) : ":" + compact(value));
    return insert(text, sec.value(), member, style);
  }

  /** Adds {@code member} as the last member of {@code obj}. */
  private static String insert(String text, JsonScanner.Value obj, String member, Style style) {
    if (obj.members().isEmpty()) {
      String body = style.pretty
          ? style.nl + style.indentOf(obj) + member + style.nl
              + lineIndent(text, obj.start())
          : member;
      return text.substring(0, obj.start() + 1) + body + text.substring(obj.end() - 1);
    }
    JsonScanner.Member last = obj.members().get(obj.members().size() - 1);
    int at = last.value().end();
    String sep = style.pretty ? "," + style.nl + lineIndent(text, last.keyStart()) : ",";
    return text.substring(0, at) + sep + member + text.substring(at);
  }

  /** The whitespace a line starts with, for the line holding {@code offset}. */
  private static String lineIndent(String text, int offset) {
    int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    int i = lineStart;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return text.substring(lineStart, Math.min(i, offset));
  }

  /** How the file is laid out. */
  private record Style(boolean pretty, String unit, String nl, String text) {
    static Style of(String text, JsonScanner.Value root) {
      String nl = text.contains("\r\n") ? "\r\n" : "\n";
      boolean pretty = text.substring(root.start(), root.end()).contains("\n");
      String unit = "  ";
      if (!root.members().isEmpty()) {
        String first = lineIndent(text, root.members().get(0).keyStart());
        if (!first.isEmpty()) {
          unit = first;
        }
      }
      return new Style(pretty, unit, nl, text);
    }

    /** Indentation of members of {@code obj}: its existing members', else one unit deeper. */
    String indentOf(JsonScanner.Value obj) {
      if (!obj.members().isEmpty()) {
        return lineIndent(text, obj.members().get(0).keyStart());
      }
      return lineIndent(text, obj.start()) + unit;
    }
  }

  /** {@code JSON.stringify(value, null, unit)}, continuing at indentation {@code indent}. */
  static String render(JsonNode v, String indent, String unit, String nl) {
    if (v.isObject()) {
      if (v.isEmpty()) {
        return "{}";
      }
      StringBuilder b = new StringBuilder("{");
      Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        b.append(nl).append(indent).append(unit).append(quote(e.getKey())).append(": ")
            .append(render(e.getValue(), indent + unit, unit, nl));
        if (it.hasNext()) {
          b.append(',');
        }
      }
      return b.append(nl).append(indent).append('}').toString();
    }
    if (v.isArray()) {
      if (v.isEmpty()) {
        return "[]";
      }
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < v.size(); i++) {
        b.append(nl).append(indent).append(unit)
            .append(render(v.get(i), indent + unit, unit, nl));
        if (i < v.size() - 1) {
          b.append(',');
        }
      }
      return b.append(nl).append(indent).append(']').toString();
    }
    return v.isTextual() ? quote(v.asText()) : v.toString();
  }

  private static String compact(JsonNode v) {
    return v.toString();
  }

  /** A JSON string literal, escaped the way {@code JSON.stringify} does. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("scanner and parser disagree: " + e.getMessage(), e);
    }
  }
}
