package com.memoryoss.indexer;

import static com.memoryoss.indexer.Corpus.NOW;
import static com.memoryoss.indexer.Corpus.id;
import static com.memoryoss.indexer.Corpus.mem;
import static com.memoryoss.indexer.Corpus.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryFilter;
import com.memoryoss.protocol.RecallQuery;
import com.memoryoss.protocol.RecallWeights;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Channels, fusion, time cues, agent boost, relevance and the precision gate. */
class FusionRankerTest {

  private static Ranked top(List<Ranked> ranked) {
    assertThat(ranked).isNotEmpty();
    return ranked.get(0);
  }

  private static Ranked find(List<Ranked> ranked, long n) {
    return ranked.stream().filter(r -> r.memory().id().equals(id(n))).findFirst().orElseThrow();
  }

  /**
   * Each identifier is in one memory that shares little else with the query, next to a memory
   * that the rest of the query matches better by words and by meaning.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "where does the nginx proxy send /etc/nginx/sites-enabled/api.conf traffic | 1",
      "DATABASE_URL for the billing service | 3",
      "what did 3f9a2c1d fix in the outage | 5",
      "what changed in v2.14.3 of the gateway | 7"})
  void aRareIdentifierPinsItsMemoryFirst(String q, long expected) {
    try (Corpus c = identifiers()) {
      List<Ranked> ranked = c.rank(q);
      assertThat(ranked).extracting(r -> r.memory().id())
          .startsWith(id(expected), id(expected + 1));
      assertThat(top(ranked).provenance()).contains("exact");
      assertThat(top(ranked).why().normalized().exact()).isEqualTo(1.0);
      assertThat(ranked.get(1).why().raw().exact()).isZero();
    }
  }

  private static Corpus identifiers() {
    return Corpus.dense().put(mem(1, "Routes now go through /etc/nginx/sites-enabled/api.conf"),
        mem(2, "The nginx proxy sends traffic to the web app"),
        mem(3, "DATABASE_URL is set in the deploy secrets"),
        mem(4, "The billing service reads its database settings from vault"),
        mem(5, "Reverted 3f9a2c1d"),
        mem(6, "The outage was fixed by restarting the workers"),
        mem(7, "Pinned v2.14.3 everywhere"),
        mem(8, "The gateway changed its routing rules"));
  }

  @Test
  void withoutTheExactChannelTheWordierMemoryWouldWin() {
    try (Corpus c = identifiers()) {
      RecallQuery noExact = query("DATABASE_URL for the billing service", 10,
          new RecallWeights(null, null, 0.0, null), null, 0, 0, 0);
      assertThat(c.ids("DATABASE_URL for the billing service")).first().isEqualTo(id(3));
      assertThat(c.rank(noExact)).extracting(r -> r.memory().id()).first().isEqualTo(id(4));
    }
  }

  @Test
  void aShellVariableInTheQueryMatchesTheBareNameExactly() {
    try (Corpus c = identifiers()) {
      Ranked r = top(c.rank("where is $DATABASE_URL set"));
      assertThat(r.memory().id()).isEqualTo(id(3));
      assertThat(r.why().raw().exact()).isEqualTo(1.0);
    }
  }

  @Test
  void theDenseChannelFindsWhatSharesNoWordWithTheQuery() {
    Map<String, String> synonyms = Map.of("automobile", "car", "vehicle", "car");
    try (Corpus dense = Corpus.dense(synonyms); Corpus lexical = Corpus.lexical()) {
      for (Corpus c : List.of(dense, lexical)) {
        c.put(mem(1, "I parked the car in the garage"), mem(2, "The garden needs watering"));
      }
      assertThat(lexical.rank("automobile")).isEmpty();
      Ranked r = top(dense.rank("automobile"));
      assertThat(r.memory().id()).isEqualTo(id(1));
      assertThat(r.provenance()).containsExactly("vector");
      assertThat(dense.ids("automobile")).containsExactly(id(1));
    }
  }

  @Test
  void aTurnFoundOnlyThroughItsNeighbourRanksBelowTheDirectMatch() {
    try (Corpus c = Corpus.dense()) {
      c.put(mem(1, "Do you go hiking on weekends?").session("s"),
          mem(2, "Yes, every Sunday!").session("s"),
          mem(3, "The printer on the third floor is broken").session("s"),
          mem(4, "Quarterly taxes are due in April"));
      List<Ranked> ranked = c.rank("Does Caroline go hiking?");
      assertThat(ranked).extracting(r -> r.memory().id()).containsExactly(id(1), id(2));
      assertThat(find(ranked, 2).provenance()).contains("fts");
      assertThat(find(ranked, 2).score()).isLessThan(find(ranked, 1).score());
    }
  }

  @Test
  void weightsAreNormalisedOverTheChannelsActiveForTheQuery() {
    try (Corpus c = Corpus.dense()) {
      c.put(mem(1, "kafka consumer lag on the orders topic"), mem(2, "kafka broker disk full"),
          mem(3, "lunch with the team on friday"));
      Ranked r = top(c.rank("kafka consumer lag"));
      assertThat(r.memory().id()).isEqualTo(id(1));
      // Best on the dense and lexical channels; no identifiers, no time cue: base is exactly 1.
      assertThat(r.why().normalized().vector()).isEqualTo(1.0);
      assertThat(r.why().normalized().fts()).isEqualTo(1.0);
      assertThat(r.why().base()).isCloseTo(1.0, within(1e-9));
      double expected = Math.min(1, r.why().base() * (0.5 + 0.5 * r.why().relevance()))
          * r.why().statusFactor() * r.why().trustMultiplier();
      assertThat(r.score()).isCloseTo(expected, within(1e-9));
      // Trust with the namespace's evidence (source record, embedding coherence), as shown.
      assertThat(r.trust()).isCloseTo(c.trust.assess(r.memory(), NOW,
          c.index.trustEvidence(r.memory())).score(), within(1e-12));
      assertThat(r.why().trust().signals().embeddingCoherence()).isNotEqualTo(0.5);
    }
  }

  @Test
  void scoresAreInTheUnitIntervalBestFirstWithTiesByDescendingId() {
    try (Corpus c = Corpus.dense()) {
      c.put(mem(1, "backup of the photos"), mem(2, "backup of the photos"),
          mem(3, "backup the laptop photos to the nas weekly"), mem(4, "photos"));
      List<Ranked> ranked = c.rank("photos backup");
      assertThat(ranked).allSatisfy(r -> assertThat(r.score()).isBetween(0.0, 1.0));
      for (int i = 1; i < ranked.size(); i++) {
        assertThat(ranked.get(i).score()).isLessThanOrEqualTo(ranked.get(i - 1).score());
      }
      List<UUID> ids = ranked.stream().map(r -> r.memory().id()).toList();
      assertThat(find(ranked, 1).score()).isEqualTo(find(ranked, 2).score());
      assertThat(ids.indexOf(id(2))).isEqualTo(ids.indexOf(id(1)) - 1);
    }
  }

  /** The same standup twice: 60 days old and fresh, equally trusted (verified just now). */
  private static Corpus standups() {
    Memory old = mem(2, "The team standup is in room Alpha").ago(Duration.ofDays(60)).build();
    Memory.Builder b = old.toBuilder();
    b.lastVerifiedAt = NOW;
    return Corpus.dense().put(b.build(), mem(1, "The team standup is in room Alpha").build());
  }

  @Test
  void recencyCountsOnlyWhenTheQueryHasATimeCue() {
    try (Corpus c = standups()) {
      List<Ranked> plain = c.rank("when is the team standup");
      assertThat(plain.get(0).score()).isEqualTo(plain.get(1).score());
      assertThat(plain.get(0).why().recency()).isGreaterThan(0); // computed, not weighted
      for (String cued : List.of("when is the team standup now", "latest team standup",
          "what is the current team standup", "team standup this week")) {
        List<Ranked> ranked = c.rank(cued);
        assertThat(ranked.get(0).memory().id()).as(cued).isEqualTo(id(1));
        assertThat(ranked.get(0).score()).as(cued).isGreaterThan(ranked.get(1).score());
      }
    }
  }

  @Test
  void anExplicitRecencyWeightAppliesWithoutATimeCue() {
    try (Corpus c = standups()) {
      RecallQuery q = query("when is the team standup", 10,
          new RecallWeights(null, null, null, 0.5), null, 0, 0, 0);
      assertThat(c.rank(q).get(0).memory().id()).isEqualTo(id(1));
      RecallQuery other = query("when is the team standup", 10,
          new RecallWeights(0.9, null, null, null), null, 0, 0, 0);
      List<Ranked> ranked = c.rank(other);
      assertThat(ranked.get(0).score()).isEqualTo(ranked.get(1).score());
    }
  }

  @Test
  void theAgentTheQueryNamesIsBoosted() {
    try (Corpus c = Corpus.dense()) {
      c.put(mem(1, "the deploy checklist has twelve steps").agent("bob"),
          mem(2, "the deploy checklist has twelve steps").agent("alice"));
      List<Ranked> plain = c.rank("deploy checklist");
      assertThat(plain.get(0).memory().id()).isEqualTo(id(2)); // tie: larger id first
      assertThat(plain.get(0).score()).isEqualTo(plain.get(1).score());
      for (String q : List.of("what is bob's deploy checklist", "Bob deploy checklist")) {
        List<Ranked> named = c.rank(q);
        assertThat(named.get(0).memory().id()).as(q).isEqualTo(id(1));
        assertThat(named.get(0).why().agentBoost()).isEqualTo(RecallSettings.DEFAULTS.agentBoost());
        assertThat(named.get(1).why().agentBoost()).isZero();
      }
      // Naming every agent distinguishes none.
      List<Ranked> both = c.rank("bob and alice deploy checklist");
      assertThat(both).allSatisfy(r -> assertThat(r.why().agentBoost()).isZero());
    }
  }

  @Test
  void aWeakMatchDoesNotLookConfident() {
    try (Corpus c = Corpus.dense()) {
      c.put(mem(1, "The quarterly budget review meeting is on Tuesday afternoon"),
          mem(2, "The dentist appointment moved to Thursday"),
          mem(3, "Water the tomatoes every evening"));
      Ranked strong = top(c.rank("quarterly budget review meeting Tuesday afternoon"));
      Ranked weak = top(c.rank("budget"));
      assertThat(strong.memory().id()).isEqualTo(id(1));
      assertThat(weak.memory().id()).isEqualTo(id(1));
      assertThat(weak.why().base()).isCloseTo(1.0, within(1e-9)); // best of its candidates...
      assertThat(weak.why().relevance()).isLessThan(0.3); // ...but not a good match
      assertThat(weak.score()).isLessThan(0.7 * strong.score());
    }
  }

  @Test
  void thePrecisionGateDropsCandidatesWhoseBestChannelIsWeak() {
    try (Corpus c = Corpus.lexical()) {
      c.put(mem(1, "Kubernetes cluster upgrade to 1.30 is planned: upgrade the cluster in May"),
          mem(2, "The kids picked a cluster of grapes at the farm on a sunny day last year"),
          mem(3, "Nothing to see here"));
      RecallQuery open = query("kubernetes cluster upgrade", 10, null, null, 0, 0, 0);
      RecallQuery gated = query("kubernetes cluster upgrade", 10, null, null, 0, 0.5, 0);
      List<Ranked> all = c.rank(open);
      assertThat(all).extracting(r -> r.memory().id()).containsExactly(id(1), id(2));
      assertThat(find(all, 2).why().maxChannel()).isLessThan(0.5);
      assertThat(c.rank(gated)).extracting(r -> r.memory().id()).containsExactly(id(1));
      RecallQuery total = query("kubernetes cluster upgrade", 10, null, null, 0, 1.0, 0);
      assertThat(c.rank(total)).extracting(r -> r.memory().id()).containsExactly(id(1));
    }
  }

  @Test
  void aCallerSuppliedQueryVectorReplacesEmbeddingTheText() {
    try (Corpus c = Corpus.dense()) {
      c.put(mem(1, "kafka consumer lag"), mem(2, "lunch on friday"));
      List<Float> v = new ArrayList<>();
      for (float f : c.embedder.embed("friday lunch")) {
        v.add(f * 3); // not unit length: the ranker normalises it
      }
      RecallQuery q = new RecallQuery("zzz", 10, MemoryFilter.NONE, null, true, null, 0, 0, 0, v,
          false);
      assertThat(c.rank(q)).extracting(r -> r.memory().id()).first().isEqualTo(id(2));
      assertThat(top(c.rank(q)).why().raw().vector()).isCloseTo(FusionRanker.dot(
          c.embedder.embed("friday lunch"), c.embedder.embed("lunch on friday")), within(1e-5));
      assertThat(c.embedder.queries.get()).isZero();
      RecallQuery wrongDims = new RecallQuery("kafka", 10, MemoryFilter.NONE, null, true, null,
          0, 0, 0, List.of(1f, 0f), false);
      assertThat(top(c.rank(wrongDims)).memory().id()).isEqualTo(id(1));
      c.rank(wrongDims);
      assertThat(c.embedder.queries.get()).isEqualTo(1); // the cache answers the repeat
    }
  }

  @Test
  void nothingMatchingMeansNothingRanked() {
    try (Corpus c = Corpus.dense()) {
      assertThat(c.rank("anything")).isEmpty();
      c.put(mem(1, "kafka consumer lag"));
      assertThat(c.rank("what is the")).allSatisfy(r -> assertThat(r.score()).isPositive());
      assertThat(c.rank("zebra")).isEmpty();
    }
  }
}
