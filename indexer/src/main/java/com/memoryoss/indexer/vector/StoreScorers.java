package com.memoryoss.indexer.vector;

import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.apache.lucene.util.hnsw.UpdateableRandomVectorScorer;

/**
 * Adapters that let Lucene's HNSW builder and searcher score ordinals of a {@link VectorStore}
 * directly, without Lucene's {@code FloatVectorValues} (which would copy every vector out of the
 * slab before scoring it).
 *
 * <p>Scores follow Lucene's {@code DOT_PRODUCT} similarity, {@code max(0, (1 + dot) / 2)}: HNSW
 * only needs a monotone "higher is closer" score, and keeping it non-negative matches what the
 * rest of Lucene's HNSW code was tuned and tested with. Callers that need the cosine rescore hits
 * with {@link VectorStore#dot}.
 */
final class StoreScorers {
  private StoreScorers() {}

  static float score(float dot) {
    return Math.max(0f, (1f + dot) / 2f);
  }

  /** Scorer supplier for graph building. Stateless, so {@link #copy()} returns itself. */
  static RandomVectorScorerSupplier supplier(VectorStore store) {
    return new RandomVectorScorerSupplier() {
      @Override
      public UpdateableRandomVectorScorer scorer() {
        return new OrdinalScorer(store);
      }

      @Override
      public RandomVectorScorerSupplier copy() {
        return this;
      }
    };
  }

  /** Scores stored ordinals against the query vector of one search. */
  static RandomVectorScorer forQuery(VectorStore store, float[] query) {
    return new RandomVectorScorer() {
      @Override
      public float score(int node) {
        return StoreScorers.score(store.dot(query, node));
      }

      @Override
      public int maxOrd() {
        return store.count();
      }
    };
  }

  /** Scores stored ordinals against another stored ordinal (the node being inserted). */
  private static final class OrdinalScorer implements UpdateableRandomVectorScorer {
    private final VectorStore store;
    private int scoringOrd = -1;

    OrdinalScorer(VectorStore store) {
      this.store = store;
    }

    @Override
    public void setScoringOrdinal(int node) {
      scoringOrd = node;
    }

    @Override
    public float score(int node) {
      return StoreScorers.score(store.dot(scoringOrd, node));
    }

    @Override
    public int maxOrd() {
      return store.count();
    }
  }
}
