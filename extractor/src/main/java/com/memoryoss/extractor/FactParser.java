package com.memoryoss.extractor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the extraction model's answer: a JSON array of {@code {"content": ..., "tags": [...]}}
 * objects (or of plain strings), possibly inside a code fence or surrounded by prose. Anything
 * else is rejected, and nothing is stored from it.
 */
public final class FactParser {
  public static final int MAX_FACTS = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  private FactParser() {}

  /** The facts, or empty when the answer holds no usable JSON array. */
  public static Optional<List<Fact>> parse(String answer) {
    if (answer == null) {
      return Optional.empty();
    }
    for (int start = answer.indexOf('['); start >= 0; start = answer.indexOf('[', start + 1)) {
      int end = matching(answer, start);
      if (end < 0) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(answer.substring(start, end + 1));
        Optional<List<Fact>> facts = facts(node);
        if (facts.isPresent()) {
          return facts;
        }
      } catch (Exception notThisOne) {
        // try the next '['
      }
    }
    return Optional.empty();
  }

  private static Optional<List<Fact>> facts(JsonNode array) {
    if (!array.isArray()) {
      return Optional.empty();
    }
    List<Fact> out = new ArrayList<>();
    for (JsonNode item : array) {
      String content;
      List<String> tags = new ArrayList<>();
      if (item.isTextual()) {
        content = item.asText();
      } else if (item.isObject() && item.path("content").isTextual()) {
        content = item.path("content").asText();
        for (JsonNode t : item.path("tags")) {
          if (t.isTextual() && !t.asText().isBlank() && t.asText().length() <= 64) {
            tags.add(t.asText().strip());
          }
        }
      } else {
        return Optional.empty(); // not the shape we asked for: trust none of it
      }
      if (!content.isBlank() && out.size() < MAX_FACTS) {
        out.add(new Fact(content.strip(), tags));
      }
    }
    return Optional.of(out);
  }

  /** Index of the bracket closing the one at {@code start}, string-aware; -1 if none. */
  private static int matching(String s, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }
}
