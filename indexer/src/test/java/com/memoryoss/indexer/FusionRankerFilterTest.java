package com.memoryoss.indexer;

import static com.memoryoss.indexer.Corpus.NOW;
import static com.memoryoss.indexer.Corpus.id;
import static com.memoryoss.indexer.Corpus.mem;
import static com.memoryoss.indexer.Corpus.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryFilter;
import com.memoryoss.protocol.MemoryStatus;
import com.memoryoss.protocol.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Filters search inside the matching memories; archived and doubtful memories rank down. */
class FusionRankerFilterTest {
  private static final String QUERY = "deploy the payment service to the production cluster";
  private static final int HAY = 500;
  private static Corpus haystack;

  /**
   * 500 memories that match the query very well (agent alpha, session main, tag hay, semantic, a
   * day old), and one barely matching "needle" per filter, different from the hay only in the
   * filtered attribute.
   */
  @BeforeAll
  static void build() {
    haystack = Corpus.dense();
    List<Memory> all = new ArrayList<>();
    for (int n = 1; n <= HAY; n++) {
      all.add(hay(n, "Deploy the payment service to the production cluster, run " + n).build());
    }
    all.add(hay(1001, "payment reminder").agent("beta").build());
    all.add(hay(1002, "payment reminder").session("side").build());
    all.add(hay(1003, "payment reminder").tags("needle").build());
    all.add(hay(1004, "payment reminder").type(MemoryType.PROCEDURAL).build());
    all.add(hay(1005, "payment reminder").ago(Duration.ofDays(30)).build());
    all.add(hay(1006, "payment reminder").ago(Duration.ofMinutes(5)).build());
    haystack.put(all.toArray(Memory[]::new));
  }

  private static Corpus.M hay(long n, String content) {
    return mem(n, content).agent("alpha").session("main").tags("hay").ago(Duration.ofDays(1));
  }

  @AfterAll
  static void close() {
    haystack.close();
  }

  static Stream<Arguments> filters() {
    return Stream.of(
        Arguments.of("agent", Corpus.agent("beta"), 1001),
        Arguments.of("session", Corpus.session("side"), 1002),
        Arguments.of("tags", Corpus.tags("needle", "missing"), 1003),
        Arguments.of("memory_type", Corpus.type(MemoryType.PROCEDURAL), 1004),
        Arguments.of("before", Corpus.between(null, NOW.minus(Duration.ofDays(10))), 1005),
        Arguments.of("after", Corpus.between(NOW.minus(Duration.ofHours(1)), null), 1006));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filters")
  void theOnlyMatchingMemoryIsFoundHoweverLowItRanksOverall(String name, MemoryFilter f,
      long needle) {
    List<UUID> unfiltered = haystack.rank(query(QUERY)).stream().map(r -> r.memory().id())
        .toList();
    assertThat(unfiltered).hasSizeGreaterThanOrEqualTo(200).doesNotContain(id(needle));
    List<Ranked> filtered = haystack.rank(query(QUERY, f));
    assertThat(filtered).extracting(r -> r.memory().id()).containsExactly(id(needle));
    var page = haystack.recaller.recall(query(QUERY, f), haystack.index, NOW);
    assertThat(page.hits()).extracting(s -> s.memory().id()).containsExactly(id(needle));
  }

  @Test
  void filtersCombineAndCanMatchNothing() {
    MemoryFilter agentAndTag = new MemoryFilter("beta", null, List.of("hay"), null, null, null);
    assertThat(haystack.rank(query(QUERY, agentAndTag))).extracting(r -> r.memory().id())
        .containsExactly(id(1001));
    MemoryFilter none = new MemoryFilter("beta", "side", null, null, null, null);
    assertThat(haystack.rank(query(QUERY, none))).isEmpty();
  }

  @Test
  void anArchivedMemoryIsNeverRecalledEvenAsTheBestMatch() {
    try (Corpus c = Corpus.dense()) {
      Memory best = mem(1, "the wifi password is hunter2").build();
      c.put(best, mem(2, "the guest wifi has no password").build());
      assertThat(c.ids("wifi password")).first().isEqualTo(id(1));
      c.put(Corpus.archived(best));
      assertThat(c.ids("wifi password")).containsExactly(id(2));
      assertThat(c.ids("hunter2")).isEmpty();
    }
  }

  @Test
  void statusScalesTheScoreActiveFirstContestedLast() {
    try (Corpus c = Corpus.dense()) {
      String text = "the staging cluster runs on three nodes";
      c.put(mem(1, text).status(MemoryStatus.CONTESTED), mem(2, text).status(MemoryStatus.STALE),
          mem(3, text).status(MemoryStatus.CANDIDATE), mem(4, text).status(MemoryStatus.ACTIVE));
      List<Ranked> ranked = c.rank("staging cluster nodes");
      assertThat(ranked).extracting(r -> r.memory().id())
          .containsExactly(id(4), id(3), id(2), id(1));
      double active = ranked.get(0).score();
      assertThat(ranked.get(1).score()).isCloseTo(active * 0.75, within(1e-9));
      assertThat(ranked.get(3).score()).isCloseTo(active * 0.55, within(1e-9));
    }
  }

  @Test
  void aSupersededOrRejectedMemoryRanksBelowItsTrustedTwin() {
    try (Corpus c = Corpus.dense()) {
      String text = "the staging cluster runs on three nodes";
      Memory.Builder superseded = mem(3, text).build().toBuilder();
      superseded.supersededBy = id(9);
      superseded.supersededAt = NOW;
      superseded.supersedeCount = 1;
      Memory.Builder rejected = mem(2, text).build().toBuilder();
      rejected.rejectCount = 2;
      Memory.Builder confirmed = mem(4, text).build().toBuilder();
      confirmed.confirmCount = 2;
      c.put(superseded.build(), rejected.build(), mem(1, text).build(), confirmed.build());
      List<Ranked> ranked = c.rank("staging cluster nodes");
      assertThat(ranked).extracting(r -> r.memory().id())
          .containsExactly(id(4), id(1), id(3), id(2));
      for (int i = 1; i < ranked.size(); i++) {
        assertThat(ranked.get(i).score()).isLessThan(ranked.get(i - 1).score());
        assertThat(ranked.get(i).trust()).isLessThan(ranked.get(i - 1).trust());
      }
    }
  }

  @Test
  void aTimeBoundInsideTheSameMillisecondAgreesWithTheFilter() {
    try (Corpus c = Corpus.lexical()) {
      Instant t = NOW.plusNanos(700_000); // 0.7 ms past a whole millisecond
      c.put(mem(1, "the release was tagged").at(t));
      MemoryFilter after = Corpus.between(NOW.plusNanos(300_000), null);
      MemoryFilter before = Corpus.between(null, NOW.plusNanos(900_000));
      for (MemoryFilter f : List.of(after, before)) {
        assertThat(f.matches(c.index.memory(id(1)))).isTrue();
        assertThat(c.rank(query("release tagged", f))).extracting(r -> r.memory().id())
            .containsExactly(id(1));
      }
    }
  }
}
