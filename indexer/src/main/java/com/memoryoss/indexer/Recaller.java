package com.memoryoss.indexer;

import com.memoryoss.protocol.HitSummary;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.NamespaceReply.Recalled;
import com.memoryoss.protocol.RecallExplanation;
import com.memoryoss.protocol.RecallHit;
import com.memoryoss.protocol.RecallQuery;
import com.memoryoss.protocol.RecallWeights;
import com.memoryoss.protocol.api.RecallCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Answers a recall from a namespace's index: ranks with the {@link FusionRanker}, diversifies
 * (MMR over embeddings) when asked, applies {@code min_recall_score}, pages with the cursor and
 * renders summaries. Query-explain runs exactly the same path and reports how it got there.
 *
 * <p>Thread-safe: runs on any thread against the concurrently updated index.
 */
public final class Recaller {
  /** Candidates ranked per page; deeper pages rank deeper. */
  private static final int DEPTH = FusionRanker.REFERENCE_DEPTH;
  private static final int MAX_DEPTH = 2_000;

  private final FusionRanker ranker;
  private final TrustScorer trust;

  public Recaller(FusionRanker ranker, TrustScorer trust) {
    this.ranker = ranker;
    this.trust = trust;
  }

  public Recalled recall(RecallQuery q, NamespaceIndex index, Instant now) {
    return run(q, index, now).response;
  }

  public RecallExplanation explain(
      RecallQuery q, NamespaceIndex index, Instant now, String namespace, long lag,
      RecallWeights defaults) {
    Run run = run(q, index, now);
    Set<UUID> returned = new HashSet<>();
    run.response.hits().forEach(s -> returned.add(s.memory().id()));
    List<RecallExplanation.Candidate> candidates = new ArrayList<>(run.ranked.size());
    int rank = 1;
    for (Ranked r : run.ranked) {
      var why = r.why();
      candidates.add(new RecallExplanation.Candidate(r.memory().id(), preview(r.memory()),
          rank++, returned.contains(r.memory().id()), r.provenance(), scores(why.raw()),
          scores(why.normalized()), why.maxChannel(), why.base(), why.recency(), why.agentBoost(),
          why.relevance(), why.statusFactor(), r.trust(), why.trustMultiplier(), r.score(),
          why.trust() == null ? null : why.trust().low(),
          why.trust() == null ? null : why.trust().high(),
          why.trust() == null ? null : why.trust().signals()));
    }
    boolean dense = index.embedder() != null;
    return new RecallExplanation(q.query(), namespace, q.strong(), lag,
        dense ? index.embedder().modelId() : null, dense, true,
        List.copyOf(Identifiers.of(q.query())),
        q.weights() == null ? defaults : q.weights().orElse(defaults), q.minChannelScore(),
        q.minScore(), q.diversityFactor(), candidates, run.response.hits());
  }

  private record Run(List<Ranked> ranked, Recalled response) {}

  private Run run(RecallQuery q, NamespaceIndex index, Instant now) {
    RecallCursor cursor = q.cursor() == null ? null : RecallCursor.parse(q.cursor());
    int depth = cursor == null ? Math.max(DEPTH, q.limit() * 4) : MAX_DEPTH;
    List<Ranked> ranked = ranker.rank(q, index, now, depth);
    if (q.diversityFactor() > 0 && ranked.size() > 1) {
      ranked = diversify(ranked, index, q.diversityFactor());
    }
    List<RecallHit> page = new ArrayList<>(q.limit());
    List<HitSummary> summaries = new ArrayList<>(q.limit());
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
      float[] vector = q.includeEmbeddings() && index.vectors() != null
          ? index.vectors().vector(r.memory().id()) : null;
      page.add(new RecallHit(r.memory(), r.score(), r.provenance(), r.trust(), low,
          vector == null ? null : vector.clone()));
      summaries.add(Summaries.of(r, low));
    }
    String next = null;
    if (more) {
      RecallHit last = page.get(page.size() - 1);
      next = new RecallCursor(last.score(), last.memory().id()).toString();
    }
    return new Run(ranked, new Recalled(page, summaries, next));
  }

  /**
   * Maximal marginal relevance: repeatedly take the candidate with the best {@code (1 - d) *
   * score - d * (similarity to the closest one already taken)}. Scores are capped to strictly
   * decrease along the result so pages and cursors keep working.
   */
  static List<Ranked> diversify(List<Ranked> ranked, NamespaceIndex index, double d) {
    int n = Math.min(ranked.size(), 100);
    List<Ranked> pool = new ArrayList<>(ranked.subList(0, n));
    float[][] vectors = new float[n][];
    for (int i = 0; i < n; i++) {
      vectors[i] = index.vectors() == null ? null
          : index.vectors().vector(pool.get(i).memory().id());
    }
    // Each candidate's similarity to the closest one taken so far, updated with each pick:
    // O(n^2) dot products instead of O(n^3).
    double[] closest = new double[n];
    boolean[] taken = new boolean[n];
    List<Ranked> out = new ArrayList<>(ranked.size());
    double cap = Double.MAX_VALUE;
    for (int round = 0; round < n; round++) {
      int best = -1;
      double bestValue = -Double.MAX_VALUE;
      for (int i = 0; i < n; i++) {
        if (taken[i]) {
          continue;
        }
        double value = (1 - d) * pool.get(i).score() - d * closest[i];
        if (value > bestValue) {
          bestValue = value;
          best = i;
        }
      }
      taken[best] = true;
      Ranked r = pool.get(best);
      cap = strictlyBelow(cap, r.score());
      out.add(new Ranked(r.memory(), cap, r.provenance(), r.trust(), r.why()));
      float[] v = vectors[best];
      if (v != null) {
        for (int i = 0; i < n; i++) {
          if (!taken[i] && vectors[i] != null) {
            closest[i] = Math.max(closest[i], FusionRanker.dot(vectors[i], v));
          }
        }
      }
    }
    for (Ranked r : ranked.subList(n, ranked.size())) {
      cap = strictlyBelow(cap, r.score());
      out.add(new Ranked(r.memory(), cap, r.provenance(), r.trust(), r.why()));
    }
    return out;
  }

  /**
   * {@code score}, or one grid step below {@code previous} if it would not be that much lower:
   * the diversified order differs from the score order, and a cursor (score, then id) needs
   * scores that strictly fall along the list, by more than the cursor's rounding.
   */
  private static double strictlyBelow(double previous, double score) {
    double below = Math.rint(previous * FusionRanker.SCORE_GRID - 1) / FusionRanker.SCORE_GRID;
    return score <= below ? score : below;
  }

  private static RecallExplanation.Scores scores(Ranked.Channels c) {
    return new RecallExplanation.Scores(c.vector(), c.fts(), c.exact());
  }

  private static String preview(Memory m) {
    return m.content().length() <= 100 ? m.content() : m.content().substring(0, 100) + "...";
  }
}
