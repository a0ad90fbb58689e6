package com.memoryoss.indexer;

import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.RecallQuery;
import com.memoryoss.protocol.api.MemorySummary;
import com.memoryoss.protocol.api.RecallCursor;
import com.memoryoss.protocol.api.RecallResponse;
import com.memoryoss.protocol.api.ScoredMemory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Answers a recall from a namespace's index: ranks with the configured {@link Ranker}, applies
 * {@code min_score}, pages with the cursor, and renders summaries. One scoring path whatever the
 * namespace's size.
 */
public final class Recaller {
  /** Candidates ranked per page; deeper pages rank deeper. */
  private static final int DEPTH_PER_PAGE = 200;
  private static final int MAX_DEPTH = 10_000;

  private final Ranker ranker;
  private final TrustScorer trust;

  public Recaller(Ranker ranker, TrustScorer trust) {
    this.ranker = ranker;
    this.trust = trust;
  }

  public RecallResponse recall(
      RecallQuery q, NamespaceIndex index, Function<UUID, Memory> memories, Instant now) {
    RecallCursor cursor = q.cursor() == null ? null : RecallCursor.parse(q.cursor());
    int depth = cursor == null ? Math.max(DEPTH_PER_PAGE, q.limit()) : MAX_DEPTH;
    List<Ranked> ranked = ranker.rank(q, index, memories, now, depth);
    List<ScoredMemory> page = new ArrayList<>(q.limit());
    List<MemorySummary> summaries = new ArrayList<>(q.limit());
    boolean more = false;
    for (Ranked r : ranked) {
      if (r.score() < q.minScore()) {
        break;
      }
      if (cursor != null && !cursor.admits(r.score(), r.memory().id())) {
        continue;
      }
      if (page.size() == q.limit()) {
        more = true;
        break;
      }
      boolean low = trust.isLow(r.trust());
      page.add(new ScoredMemory(r.memory(), r.score(), r.provenance(), r.trust(), low));
      summaries.add(Summaries.of(r, low));
    }
    String next = null;
    if (more) {
      ScoredMemory last = page.get(page.size() - 1);
      next = new RecallCursor(last.score(), last.memory().id()).toString();
    }
    return new RecallResponse(page, summaries, next);
  }
}
