package com.memoryoss.indexer;

import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.RecallQuery;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Ranks a namespace's memories for a recall. Implementations are pure functions of the query,
 * the index and the memories: the same inputs give the same order.
 */
public interface Ranker {

  /**
   * Candidates best first, already filtered by the query's filter, at most {@code depth} of them.
   *
   * @param memories looks up a memory by id; returns {@code null} for ids no longer present
   */
  List<Ranked> rank(
      RecallQuery query,
      NamespaceIndex index,
      Function<UUID, Memory> memories,
      Instant now,
      int depth);
}
