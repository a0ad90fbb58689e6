package com.memoryoss.cli.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Sets {@code command} and {@code args} of {@code [mcp_servers.<name>]} in a Codex {@code
 * config.toml} by a minimal textual edit: only those two keys' lines change (or the table is
 * appended); comments, formatting and every other table stay byte for byte. The result is parsed
 * and compared with the original before it is used, so a file this edit does not understand is
 * never damaged: it is refused instead.
 */
final class TomlEdit {
  private static final TomlMapper TOML = new TomlMapper();
  private static final Pattern HEADER = Pattern.compile("^[ \\t]*\\[");
  private static final Pattern KEY = Pattern.compile(
      "^([ \\t]*)((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:[ \\t]*\\.[ \\t]*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)[ \\t]*=");

  private TomlEdit() {}

  /** A key's lines in the table body: {@code [start, end)} and a comment after its value. */
  private record Entry(String key, String indent, int start, int end, String comment) {}

  /**
   * The edited text, or {@code text} itself when the table already says this.
   *
   * @param text the file's content; null or blank for a file that does not exist yet
   */
  static String putMcpServer(String text, String file, String name, String command,
      List<String> args) {
    String original = text == null ? "" : text;
    JsonNode before = parse(original, file);
    JsonNode current = before.path("mcp_servers").path(name);
    if (command.equals(current.path("command").asText(null)) && args.equals(strings(
        current.path("args")))) {
      return original;
    }
    String nl = original.contains("\r\n") ? "\r\n" : "\n";
    List<String> lines = lines(original);
    int header = findHeader(lines, name);
    String commandLine = "command = " + quote(command);
    String argsLine = "args = [" + String.join(", ", args.stream().map(TomlEdit::quote).toList())
        + "]";
    String edited;
    if (header < 0) {
      if (!current.isMissingNode()) {
        throw new SetupException(file + " defines mcp_servers." + name + " in a form setup does"
            + " not rewrite (an inline table or dotted keys); it was left alone. Set it by hand:"
            + " [mcp_servers." + name + "] " + commandLine + ", " + argsLine);
      }
      StringBuilder b = new StringBuilder(original);
      if (!original.isEmpty() && !original.endsWith("\n")) {
        b.append(nl);
      }
      if (!original.isBlank() && !original.endsWith(nl + nl)) {
        b.append(nl);
      }
      b.append("[mcp_servers.").append(name).append(']').append(nl)
          .append(commandLine).append(nl).append(argsLine).append(nl);
      edited = b.toString();
    } else {
      List<Entry> entries = body(lines, header + 1, file);
      List<String> out = new ArrayList<>(lines);
      Entry cmd = find(entries, "command");
      Entry arg = find(entries, "args");
      // Replace from the bottom up so earlier line numbers stay valid.
      List<Object[]> edits = new ArrayList<>();
      if (cmd != null) {
        edits.add(new Object[] {cmd, commandLine});
      }
      if (arg != null) {
        edits.add(new Object[] {arg, argsLine});
      }
      edits.sort((x, y) -> Integer.compare(((Entry) y[0]).start(), ((Entry) x[0]).start()));
      for (Object[] e : edits) {
        Entry en = (Entry) e[0];
        String lineEnd = terminator(out.get(en.end() - 1), "");
        for (int i = en.end() - 1; i >= en.start(); i--) {
          out.remove(i);
        }
        out.add(en.start(), en.indent() + e[1] + en.comment() + lineEnd);
      }
      List<String> missing = new ArrayList<>();
      if (cmd == null) {
        missing.add(commandLine + nl);
      }
      if (arg == null) {
        missing.add(argsLine + nl);
      }
      if (!missing.isEmpty() && terminator(out.get(header), "").isEmpty()) {
        out.set(header, out.get(header) + nl);
      }
      out.addAll(header + 1, missing);
      edited = String.join("", out);
    }
    verify(before, parse(edited, file), file, name, command, args);
    return edited;
  }

  private static int findHeader(List<String> lines, String name) {
    Pattern p = Pattern.compile("^[ \\t]*\\[[ \\t]*(?:mcp_servers|\"mcp_servers\")[ \\t]*\\.[ \\t]*"
        + "(?:" + Pattern.quote(name) + "|\"" + Pattern.quote(name) + "\"|'" + Pattern.quote(name)
        + "')[ \\t]*\\][ \\t]*(?:#.*)?$");
    // Skip multi-line values while looking, so a line inside one is never taken for a header.
    int i = 0;
    while (i < lines.size()) {
      String line = strip(lines.get(i));
      if (p.matcher(line).matches()) {
        return i;
      }
      var k = KEY.matcher(line);
      i = k.find() ? valueEnd(lines, i, k.end()) : i + 1;
    }
    return -1;
  }

  /** The key/value entries of a table body starting at line {@code from}. */
  private static List<Entry> body(List<String> lines, int from, String file) {
    List<Entry> entries = new ArrayList<>();
    int i = from;
    while (i < lines.size()) {
      String line = strip(lines.get(i));
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        i++;
        continue;
      }
      if (HEADER.matcher(line).find()) {
        break;
      }
      var k = KEY.matcher(line);
      if (!k.find()) {
        throw new SetupException(file + ": cannot read line " + (i + 1) + "; it was left alone");
      }
      int end = valueEnd(lines, i, k.end());
      String last = strip(lines.get(end - 1));
      int hash = commentStart(last);
      String comment = hash < 0 ? "" : " " + last.substring(hash);
      entries.add(new Entry(k.group(2).replaceAll("[ \\t]", ""), k.group(1), i, end, comment));
      i = end;
    }
    return entries;
  }

  /** The line after the value that starts at column {@code col} of line {@code start}. */
  private static int valueEnd(List<String> lines, int start, int col) {
    int depth = 0;
    String inString = null;
    for (int li = start; li < lines.size(); li++) {
      String line = lines.get(li);
      for (int c = li == start ? col : 0; c < line.length(); c++) {
        char ch = line.charAt(c);
        if (inString != null) {
          if (ch == '\\' && !inString.startsWith("'")) {
            c++;
          } else if (line.startsWith(inString, c)) {
            c += inString.length() - 1;
            inString = null;
          }
          continue;
        }
        if (line.startsWith("\"\"\"", c) || line.startsWith("'''", c)) {
          inString = line.substring(c, c + 3);
          c += 2;
        } else if (ch == '"' || ch == '\'') {
          inString = String.valueOf(ch);
        } else if (ch == '#') {
          break;
        } else if (ch == '[' || ch == '{') {
          depth++;
        } else if (ch == ']' || ch == '}') {
          depth--;
        }
      }
      boolean multiLineString = inString != null && inString.length() == 3;
      if (depth <= 0 && !multiLineString) {
        return li + 1;
      }
    }
    return lines.size();
  }

  /** Where a trailing comment starts in a line, outside strings; -1 if none. */
  private static int commentStart(String line) {
    Character quote = null;
    for (int c = 0; c < line.length(); c++) {
      char ch = line.charAt(c);
      if (quote != null) {
        if (ch == '\\' && quote == '"') {
          c++;
        } else if (ch == quote) {
          quote = null;
        }
      } else if (ch == '"' || ch == '\'') {
        quote = ch;
      } else if (ch == '#') {
        return c;
      }
    }
    return -1;
  }

  private static void verify(JsonNode before, JsonNode after, String file, String name,
      String command, List<String> args) {
    JsonNode mine = after.path("mcp_servers").path(name);
    boolean ok = command.equals(mine.path("command").asText(null))
        && args.equals(strings(mine.path("args")))
        && withoutManaged(before, name).equals(withoutManaged(after, name));
    if (!ok) {
      throw new SetupException("could not edit " + file + " safely; it was left alone. Add by"
          + " hand: [mcp_servers." + name + "] command = " + quote(command) + ", args = "
          + args.stream().map(TomlEdit::quote).toList());
    }
  }

  /** The document without the keys this edit manages (and without tables that leaves empty). */
  private static JsonNode withoutManaged(JsonNode doc, String name) {
    ObjectNode copy = doc.deepCopy();
    if (copy.get("mcp_servers") instanceof ObjectNode servers) {
      if (servers.get(name) instanceof ObjectNode mine) {
        mine.remove("command");
        mine.remove("args");
        if (mine.isEmpty()) {
          servers.remove(name);
        }
      }
      if (servers.isEmpty()) {
        copy.remove("mcp_servers");
      }
    }
    return copy;
  }

  private static JsonNode parse(String text, String file) {
    if (text.isBlank()) {
      return TOML.createObjectNode();
    }
    try {
      JsonNode n = TOML.readTree(text);
      return n == null ? TOML.createObjectNode() : n;
    } catch (IOException e) {
      throw new SetupException(file + " is not TOML setup can read (" + e.getMessage().split(
          "\n")[0] + "); it was left alone. Add by hand: [mcp_servers.memoryoss] with command"
          + " and args.");
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (!array.isArray()) {
      return null;
    }
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Entry find(List<Entry> entries, String key) {
    for (Entry e : entries) {
      if (e.key().equals(key) || e.key().equals("\"" + key + "\"")
          || e.key().equals("'" + key + "'")) {
        return e;
      }
    }
    return null;
  }

  /** Lines with their terminators. */
  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        out.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }

  private static String strip(String line) {
    return line.endsWith("\r\n") ? line.substring(0, line.length() - 2)
        : line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
  }

  private static String terminator(String line, String fallback) {
    return line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : fallback;
  }

  /** A TOML basic string. */
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
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\u%04X", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
