package com.memoryoss.indexer;

import static com.memoryoss.indexer.Corpus.NOW;
import static com.memoryoss.indexer.Corpus.id;
import static com.memoryoss.indexer.Corpus.mem;
import static com.memoryoss.indexer.Corpus.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryFilter;
import com.memoryoss.protocol.RecallQuery;
import com.memoryoss.protocol.RecallWeights;
import com.memoryoss.protocol.RecallExplanation;
import com.memoryoss.protocol.NamespaceReply.Recalled;
import com.memoryoss.protocol.RecallHit;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** MMR, min_recall_score, limits, summaries, embeddings on request, and explain. */
class RecallerTest {

  private static List<UUID> ids(Recalled r) {
    return r.hits().stream().map(s -> s.memory().id()).toList();
  }

  private static void assertNonIncreasing(List<RecallHit> page) {
    for (int i = 1; i < page.size(); i++) {
      assertThat(page.get(i).score()).isLessThanOrEqualTo(page.get(i - 1).score());
    }
  }

  private static Corpus kafka() {
    return Corpus.dense().put(
        mem(1, "kafka consumer lag alert fired on the orders topic"),
        mem(2, "kafka consumer lag alert fired on the orders topic again"),
        mem(3, "kafka consumer group rebalancing takes minutes"),
        mem(4, "lunch with the team on friday"));
  }

  private static RecallQuery diverse(String q, double d) {
    return query(q, 10, null, null, 0, 0, d);
  }

  @Test
  void diversityPutsADistinctMemoryAboveANearDuplicateOfTheTopHit() {
    try (Corpus c = kafka()) {
      String q = "kafka consumer lag alert";
      Recalled plain = c.recaller.recall(diverse(q, 0), c.index, NOW);
      assertThat(ids(plain)).startsWith(id(1), id(2), id(3));
      Recalled mmr = c.recaller.recall(diverse(q, 0.5), c.index, NOW);
      assertThat(ids(mmr)).startsWith(id(1), id(3), id(2));
      assertNonIncreasing(mmr.hits());
      assertThat(mmr.hits().get(0).score()).isEqualTo(plain.hits().get(0).score());
      for (RecallHit s : mmr.hits()) {
        double before = plain.hits().stream()
            .filter(p -> p.memory().id().equals(s.memory().id())).findFirst().orElseThrow().score();
        assertThat(s.score()).isLessThanOrEqualTo(before);
      }
    }
  }

  @Test
  void diversityWithoutVectorsKeepsTheScoreOrder() {
    try (Corpus c = Corpus.lexical()) {
      c.put(mem(1, "kafka consumer lag alert"), mem(2, "kafka consumer lag alert again"),
          mem(3, "kafka consumer group"));
      Recalled plain = c.recaller.recall(diverse("kafka consumer lag", 0), c.index, NOW);
      Recalled mmr = c.recaller.recall(diverse("kafka consumer lag", 0.9), c.index, NOW);
      assertThat(ids(mmr)).isEqualTo(ids(plain));
    }
  }

  @Test
  void fullDiversityStillStartsWithTheBestAndNeverRaisesAScore() {
    try (Corpus c = kafka()) {
      List<Ranked> ranked = c.rank("kafka consumer lag alert");
      List<Ranked> mmr = Recaller.diversify(ranked, c.index, 1.0);
      assertThat(mmr).hasSameSizeAs(ranked);
      assertThat(mmr.get(0).memory().id()).isEqualTo(ranked.get(0).memory().id());
      assertThat(mmr.stream().map(r -> r.memory().id()).toList())
          .containsExactlyInAnyOrderElementsOf(ranked.stream().map(r -> r.memory().id()).toList());
      for (int i = 1; i < mmr.size(); i++) {
        assertThat(mmr.get(i).score()).isLessThanOrEqualTo(mmr.get(i - 1).score());
      }
    }
  }

  @Test
  void minRecallScoreTruncatesTheResults() {
    try (Corpus c = kafka()) {
      List<RecallHit> all = c.recaller.recall(diverse("kafka consumer lag alert", 0), c.index,
          NOW).hits();
      assertThat(all.size()).isGreaterThanOrEqualTo(3);
      double cut = (all.get(1).score() + all.get(2).score()) / 2;
      Recalled r = c.recaller.recall(query("kafka consumer lag alert", 10, null, null, cut,
          0, 0), c.index, NOW);
      assertThat(ids(r)).containsExactly(all.get(0).memory().id(), all.get(1).memory().id());
      assertThat(r.nextCursor()).isNull();
      Recalled none = c.recaller.recall(query("kafka consumer lag alert", 10, null, null,
          1.0, 0, 0), c.index, NOW);
      assertThat(none.hits()).isEmpty();
      assertThat(none.summaries()).isEmpty();
    }
  }

  @Test
  void theLimitCutsThePageAndACursorIsGivenOnlyWhenMoreFollow() {
    try (Corpus c = kafka()) {
      Recalled two = c.recaller.recall(query("kafka consumer", 2, null, null, 0, 0, 0),
          c.index, NOW);
      assertThat(two.hits()).hasSize(2);
      assertThat(two.nextCursor()).isNotNull();
      Recalled all = c.recaller.recall(query("kafka consumer", 3, null, null, 0, 0, 0),
          c.index, NOW);
      assertThat(all.hits()).hasSize(3);
      assertThat(all.nextCursor()).isNull();
    }
  }

  @Test
  void everyHitHasASummaryInTheSameOrder() {
    try (Corpus c = kafka()) {
      Recalled r = c.recaller.recall(query("kafka consumer"), c.index, NOW);
      assertThat(r.summaries()).hasSameSizeAs(r.hits());
      for (int i = 0; i < r.hits().size(); i++) {
        RecallHit s = r.hits().get(i);
        assertThat(r.summaries().get(i).memoryId()).isEqualTo(s.memory().id());
        assertThat(r.summaries().get(i).score()).isEqualTo(s.score());
        assertThat(r.summaries().get(i).provenance()).isEqualTo(s.provenance());
      }
      assertThat(r.summaries().get(0).summary())
          .isEqualTo(r.hits().get(0).memory().content() + ".");
    }
  }

  @Test
  void embeddingsAreReturnedOnlyWhenAskedForAndAreCopies() {
    try (Corpus c = kafka()) {
      RecallQuery ask = new RecallQuery("kafka consumer", 10, MemoryFilter.NONE, null, true, null,
          0, 0, 0, null, true);
      RecallHit hit = c.recaller.recall(ask, c.index, NOW).hits().get(0);
      float[] stored = c.index.vectors().vector(hit.memory().id());
      assertThat(hit.embedding()).isEqualTo(stored).isNotSameAs(stored);
      assertThat(c.recaller.recall(query("kafka consumer"), c.index, NOW).hits())
          .allSatisfy(s -> assertThat(s.embedding()).isNull());
    }
  }

  @Test
  void aDistrustedMemoryIsFlaggedLowTrust() {
    try (Corpus c = Corpus.dense()) {
      Memory.Builder doubted = mem(1, "the vpn gateway is 10.0.0.1").ago(Duration.ofDays(90))
          .build().toBuilder();
      doubted.rejectCount = 5;
      c.put(doubted.build(), mem(2, "the vpn gateway moved").build());
      Recalled r = c.recaller.recall(query("vpn gateway"), c.index, NOW);
      RecallHit low = r.hits().stream().filter(s -> s.memory().id().equals(id(1)))
          .findFirst().orElseThrow();
      assertThat(low.trustScore()).isLessThan(c.trust.threshold());
      assertThat(low.lowTrust()).isTrue();
      assertThat(r.hits().stream().filter(s -> s.memory().id().equals(id(2))))
          .allSatisfy(s -> assertThat(s.lowTrust()).isFalse());
    }
  }

  @Test
  void explainRanksExactlyLikeRecall() {
    try (Corpus c = kafka()) {
      for (RecallQuery q : List.of(diverse("kafka consumer lag alert", 0),
          diverse("kafka consumer lag alert", 0.5),
          query("kafka consumer lag alert", 2, null, null, 0.1, 0.2, 0.3))) {
        Recalled recall = c.recaller.recall(q, c.index, NOW);
        RecallExplanation explain = c.recaller.explain(q, c.index, NOW, Corpus.NS, 0,
            RecallSettings.DEFAULTS.weights());
        assertThat(explain.finalResults()).extracting(s -> s.memory().id())
            .isEqualTo(ids(recall));
        assertThat(explain.finalResults()).extracting(RecallHit::score)
            .isEqualTo(recall.hits().stream().map(RecallHit::score).toList());
        List<RecallExplanation.Candidate> candidates = explain.candidates();
        List<UUID> returned = candidates.stream().filter(RecallExplanation.Candidate::returned)
            .map(RecallExplanation.Candidate::id).toList();
        assertThat(returned).isEqualTo(ids(recall));
        assertThat(candidates.subList(0, recall.hits().size()))
            .extracting(RecallExplanation.Candidate::id).isEqualTo(ids(recall));
        for (int i = 0; i < candidates.size(); i++) {
          assertThat(candidates.get(i).rank()).isEqualTo(i + 1);
          if (i > 0) {
            assertThat(candidates.get(i).finalScore())
                .isLessThanOrEqualTo(candidates.get(i - 1).finalScore());
          }
        }
        assertThat(explain.usedVector()).isTrue();
        assertThat(explain.model()).isEqualTo(TestEmbedder.MODEL);
        assertThat(explain.diversityFactor()).isEqualTo(q.diversityFactor());
      }
    }
  }

  @Test
  void explainReportsTheQuerysIdentifiersAndTheWeightsUsed() {
    try (Corpus c = Corpus.lexical()) {
      c.put(mem(1, "DATABASE_URL is set in the deploy secrets"));
      var weights = new RecallWeights(null, 0.9, null, null);
      RecallExplanation e = c.recaller.explain(query("where is DATABASE_URL", 10, weights,
          null, 0, 0, 0), c.index, NOW, Corpus.NS, 7, RecallSettings.DEFAULTS.weights());
      assertThat(e.identifiers()).containsExactly("database_url");
      assertThat(e.weights().fts()).isEqualTo(0.9);
      assertThat(e.weights().vector()).isEqualTo(RecallSettings.DEFAULTS.weights().vector());
      assertThat(e.usedVector()).isFalse();
      assertThat(e.model()).isNull();
      assertThat(e.indexerLag()).isEqualTo(7);
      assertThat(e.candidates()).singleElement().satisfies(cand -> {
        assertThat(cand.provenance()).containsExactly("fts", "exact");
        assertThat(cand.preview()).isEqualTo("DATABASE_URL is set in the deploy secrets");
      });
    }
  }
}
