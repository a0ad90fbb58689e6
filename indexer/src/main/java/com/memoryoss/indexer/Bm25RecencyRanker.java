package com.memoryoss.indexer;

import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.RecallQuery;
import com.memoryoss.protocol.RecallWeights;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Lexical ranking: BM25 (normalised by the best hit) fused with recency, weighted by the query's
 * {@code fts} and {@code recency} weights and normalised by their sum, then scaled by status and
 * trust ({@code 0.6 + 0.4 * trust}).
 */
public final class Bm25RecencyRanker implements Ranker {
  private final RecallWeights defaults;
  private final TrustScorer trust;

  public Bm25RecencyRanker(RecallWeights defaults, TrustScorer trust) {
    this.defaults = defaults;
    this.trust = trust;
  }

  @Override
  public List<Ranked> rank(
      RecallQuery query,
      NamespaceIndex index,
      Function<UUID, Memory> memories,
      Instant now,
      int depth) {
    List<TextIndex.Hit> hits = index.text().search(query.query(), query.filter(), depth);
    if (hits.isEmpty()) {
      return List.of();
    }
    RecallWeights w = (query.weights() == null ? defaults : query.weights().orElse(defaults));
    double wFts = w.fts();
    double wRecency = w.recency();
    double total = wFts + wRecency;
    if (total <= 0) {
      wFts = 1;
      total = 1;
    }
    double best = hits.get(0).score();
    List<Ranked> ranked = new ArrayList<>(hits.size());
    for (TextIndex.Hit hit : hits) {
      Memory m = memories.apply(hit.id());
      if (m == null || m.archived()) {
        continue;
      }
      double fts = best > 0 ? hit.score() / best : 0;
      double recency = TrustScorer.recency(m.createdAt(), now);
      double base = (wFts * fts + wRecency * recency) / total;
      double t = trust.score(m, now);
      double score = base * m.status().rankFactor() * (0.6 + 0.4 * t);
      ranked.add(new Ranked(m, score, List.of("fts"), t));
    }
    ranked.sort(
        Comparator.comparingDouble(Ranked::score)
            .reversed()
            .thenComparing(r -> r.memory().id(), Comparator.reverseOrder()));
    return ranked;
  }
}
