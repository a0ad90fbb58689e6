package com.memoryoss.mcp.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Typed access to a tool call's arguments, with errors a model can act on. The SDK checks calls
 * against each tool's input schema first; this adds what a schema does not say (blank strings
 * count as absent, ids must be UUIDs) and keeps the tools safe when called without the SDK.
 */
final class Args {
  private final String tool;
  private final Map<String, Object> values;

  private Args(String tool, Map<String, Object> values) {
    this.tool = tool;
    this.values = values;
  }

  static Args of(String tool, Map<String, Object> arguments, Set<String> accepted) {
    Map<String, Object> values = arguments == null ? Map.of() : arguments;
    for (String name : values.keySet()) {
      if (!accepted.contains(name)) {
        throw new BadArguments(tool + ": unknown argument '" + name + "'; accepted: "
            + String.join(", ", accepted.stream().sorted().toList()));
      }
    }
    return new Args(tool, values);
  }

  /** A string, or null when absent; blank strings count as absent. */
  String string(String name) {
    Object v = values.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new BadArguments(tool + ": '" + name + "' must be a string");
    }
    return s.isBlank() ? null : s;
  }

  String requiredString(String name) {
    String s = string(name);
    if (s == null) {
      throw new BadArguments(tool + ": '" + name + "' is required and must not be empty");
    }
    return s;
  }

  Integer integer(String name) {
    Object v = values.get(name);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new BadArguments(tool + ": '" + name + "' must be an integer");
  }

  /** A list of strings; null when absent. */
  List<String> strings(String name) {
    Object v = values.get(name);
    if (v == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> list) {
      for (Object item : list) {
        if (!(item instanceof String s)) {
          throw new BadArguments(tool + ": '" + name + "' must be a list of strings");
        }
        out.add(s);
      }
    } else {
      throw new BadArguments(tool + ": '" + name + "' must be a list of strings");
    }
    return List.copyOf(out);
  }

  /** Like {@link #strings}, but an empty list counts as absent too. */
  List<String> nonEmptyStrings(String name) {
    List<String> l = strings(name);
    return l == null || l.isEmpty() ? null : l;
  }

  UUID uuid(String name, String value) {
    try {
      return UUID.fromString(value.strip());
    } catch (IllegalArgumentException e) {
      throw new BadArguments(tool + ": '" + name + "' must be a memory id (a UUID as returned by"
          + " memoryoss_recall or memoryoss_store), got \"" + value + "\"");
    }
  }

  /** Arguments that cannot be sent to the server; the message is the tool error text. */
  static final class BadArguments extends RuntimeException {
    BadArguments(String message) {
      super(message, null, false, false);
    }
  }
}
