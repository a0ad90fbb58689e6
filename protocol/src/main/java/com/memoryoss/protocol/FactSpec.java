package com.memoryoss.protocol;

import java.util.List;

/** A fact proposed by extraction, after redaction and screening. */
public record FactSpec(String content, List<String> tags) implements CborSerializable {
  public FactSpec {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
