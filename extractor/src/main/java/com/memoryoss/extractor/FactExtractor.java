package com.memoryoss.extractor;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Proposes facts worth remembering from one exchange. Implementations are thread-safe; a failed
 * stage means "try again later or give up", never a partial result.
 */
public interface FactExtractor {

  /** @param conversation the redacted conversation text ({@link Conversation#render}) */
  CompletionStage<List<Fact>> extract(String conversation);

  /** Label of the facts' source, e.g. {@code proxy-extraction}. */
  String source();
}
