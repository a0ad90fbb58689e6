package com.memoryoss.gateway.proxy;

import com.memoryoss.protocol.api.ScoredMemory;
import java.util.List;

/**
 * Renders recalled memories as the {@code <memory_context>} block injected into a system prompt,
 * within a token budget (tokens estimated as bytes / 4). Each memory is a {@code <summary>} (its
 * first sentence) and, if there is more, one {@code <evidence>} with the rest (shortened).
 * Memory text is XML-escaped so it cannot close the block.
 */
final class MemoryBlock {
  private static final int EVIDENCE_CHARS = 400;

  /** The block (empty when nothing fits) and how many memories it holds. */
  /** The block and the ids of the memories it holds, in order. */
  record Rendered(String text, List<java.util.UUID> ids) {
    int count() {
      return ids.size();
    }
  }

  private MemoryBlock() {}

  static Rendered render(List<ScoredMemory> memories, long budgetTokens) {
    long budgetBytes = budgetTokens * 4;
    String open = "<memory_context>\n";
    String close = "</memory_context>";
    StringBuilder body = new StringBuilder();
    int count = 0;
    List<java.util.UUID> ids = new java.util.ArrayList<>();
    for (ScoredMemory s : memories) {
      String content = s.memory().content().strip();
      String[] parts = split(content);
      StringBuilder entry = new StringBuilder("<summary>").append(escape(parts[0]))
          .append("</summary>\n");
      if (!parts[1].isEmpty()) {
        String ev = parts[1].length() <= EVIDENCE_CHARS ? parts[1]
            : parts[1].substring(0, EVIDENCE_CHARS) + "...";
        entry.append("<evidence>").append(escape(ev)).append("</evidence>\n");
      }
      long size = utf8(open) + utf8(close) + utf8(body) + utf8(entry) + 80;
      if (size > budgetBytes) {
        int omitted = memories.size() - count;
        body.append("<!-- ").append(omitted)
            .append(" more memory summaries omitted for context budget -->\n");
        break;
      }
      body.append(entry);
      ids.add(s.memory().id());
      count++;
    }
    if (count == 0) {
      return new Rendered("", List.of());
    }
    return new Rendered(open + body + close, List.copyOf(ids));
  }

  /** First sentence (at most 240 characters), and the rest. */
  private static String[] split(String content) {
    int end = -1;
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      if (c == '\n' || ((c == '.' || c == '!' || c == '?')
          && (i + 1 == content.length() || Character.isWhitespace(content.charAt(i + 1))))) {
        end = c == '\n' ? i : i + 1;
        break;
      }
    }
    if (end < 0 || end > 240) {
      end = Math.min(content.length(), 240);
    }
    return new String[] {content.substring(0, end).strip(), content.substring(end).strip()};
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static long utf8(CharSequence s) {
    return s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }
}
