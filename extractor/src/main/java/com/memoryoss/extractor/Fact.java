package com.memoryoss.extractor;

import java.util.List;

/** One fact proposed by extraction: a self-contained statement and up to five tags. */
public record Fact(String content, List<String> tags) {
  public Fact {
    tags = tags == null ? List.of() : List.copyOf(tags.subList(0, Math.min(5, tags.size())));
  }
}
