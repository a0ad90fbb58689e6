package com.memoryoss.extractor;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The memory core's side of extraction: reconcile facts with a namespace's memories (reinforce a
 * near-duplicate, supersede what a fact contradicts, otherwise store a quarantined candidate).
 */
@FunctionalInterface
public interface Learner {
  /**
   * @param evidenceId identifies the exchange the facts came from; the same evidence never counts
   *     twice for a memory
   * @return how many memories were created or reinforced
   */
  CompletionStage<Integer> learn(String namespace, List<Fact> facts, String source,
      String evidenceId);
}
