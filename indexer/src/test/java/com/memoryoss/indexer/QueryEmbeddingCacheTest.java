package com.memoryoss.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Repeated queries skip the model; the cache is bounded, per model, and expires. */
class QueryEmbeddingCacheTest {
  private final TestEmbedder model = new TestEmbedder();

  @Test
  void aRepeatedQueryIsEmbeddedOnce() {
    QueryEmbeddingCache cache = new QueryEmbeddingCache(10, 3600);
    float[] first = cache.embed(model, "kafka consumer lag");
    float[] again = cache.embed(model, "  kafka consumer lag \n");
    assertThat(again).isSameAs(first).isEqualTo(model.embed("kafka consumer lag"));
    assertThat(model.queries.get()).isEqualTo(1);
    assertThat(cache.stats()).containsExactly(1, 1, 1, 1);
  }

  @Test
  void modelsDoNotShareEntries() {
    QueryEmbeddingCache cache = new QueryEmbeddingCache(10, 3600);
    TestEmbedder other = new TestEmbedder("other-model", Map.of());
    cache.embed(model, "kafka");
    cache.embed(other, "kafka");
    assertThat(model.queries.get()).isEqualTo(1);
    assertThat(other.queries.get()).isEqualTo(1);
    assertThat(cache.stats()[1]).isEqualTo(2);
  }

  @Test
  void theLeastRecentlyUsedEntryIsEvictedFirst() {
    QueryEmbeddingCache cache = new QueryEmbeddingCache(2, 3600);
    cache.embed(model, "a");
    cache.embed(model, "b");
    cache.embed(model, "a"); // a is now the most recently used
    cache.embed(model, "c"); // evicts b
    assertThat(model.queries.get()).isEqualTo(3);
    cache.embed(model, "a");
    assertThat(model.queries.get()).isEqualTo(3);
    cache.embed(model, "b");
    assertThat(model.queries.get()).isEqualTo(4);
    assertThat(cache.stats()[1]).isEqualTo(2);
  }

  @Test
  void aZeroTtlNeverAnswersFromTheCache() {
    QueryEmbeddingCache cache = new QueryEmbeddingCache(10, 0);
    cache.embed(model, "a");
    cache.embed(model, "a");
    assertThat(model.queries.get()).isEqualTo(2);
    long[] stats = cache.stats();
    assertThat(stats[0]).isZero(); // valid entries
    assertThat(stats[1]).isEqualTo(1);
  }

  @Test
  void aZeroSizedCacheStoresNothing() {
    QueryEmbeddingCache cache = new QueryEmbeddingCache(0, 3600);
    cache.embed(model, "a");
    cache.embed(model, "a");
    assertThat(model.queries.get()).isEqualTo(2);
    assertThat(cache.stats()[1]).isZero();
  }

  @Test
  void flushEmptiesTheCacheAndCountsWhatWasThere() {
    QueryEmbeddingCache cache = new QueryEmbeddingCache(10, 3600);
    cache.embed(model, "a");
    cache.embed(model, "b");
    assertThat(cache.flush()).isEqualTo(2);
    assertThat(cache.flush()).isZero();
    cache.embed(model, "a");
    assertThat(model.queries.get()).isEqualTo(3);
  }
}
