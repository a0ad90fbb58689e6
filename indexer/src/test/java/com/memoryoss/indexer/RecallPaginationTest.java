package com.memoryoss.indexer;

import static com.memoryoss.indexer.Corpus.NOW;
import static com.memoryoss.indexer.Corpus.mem;
import static com.memoryoss.indexer.Corpus.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.RecallQuery;
import com.memoryoss.protocol.MemoryException;
import com.memoryoss.protocol.NamespaceReply.Recalled;
import com.memoryoss.protocol.RecallHit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Cursor pagination: every result exactly once, in order, across pages. */
class RecallPaginationTest {
  private static final String[] SHAPES = {
      "nightly backup of the photo library finished",
      "nightly backup finished",
      "backup of the photo library to the nas",
      "the photo library is on the nas",
      "backup failed: disk full",
      "photo backup"};

  /** n memories cycling through a few texts, so many share a score exactly. */
  private static Corpus corpus(int n) {
    return corpus(Corpus.dense(), n);
  }

  private static Corpus corpus(Corpus c, int n) {
    List<Memory> all = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String text = i <= SHAPES.length * 5 ? SHAPES[i % SHAPES.length]
          : SHAPES[i % SHAPES.length] + " batch " + (i % 37) + " item " + i;
      all.add(mem(i, text).build());
    }
    return c.put(all.toArray(Memory[]::new));
  }

  /** Follows next_cursor from the first page to the last. */
  private static List<RecallHit> allPages(Corpus c, String text, int limit, double minScore,
      double diversity) {
    List<RecallHit> out = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 1000; page++) {
      RecallQuery q = query(text, limit, null, cursor, minScore, 0, diversity);
      Recalled r = c.recaller.recall(q, c.index, NOW);
      assertThat(r.hits().size()).isLessThanOrEqualTo(limit);
      out.addAll(r.hits());
      if (r.nextCursor() == null) {
        return out;
      }
      assertThat(r.hits()).hasSize(limit);
      cursor = r.nextCursor();
    }
    throw new AssertionError("pagination did not end");
  }

  private static List<UUID> ids(List<RecallHit> hits) {
    return hits.stream().map(s -> s.memory().id()).toList();
  }

  private static void assertOrdered(List<RecallHit> hits) {
    for (int i = 1; i < hits.size(); i++) {
      RecallHit prev = hits.get(i - 1);
      RecallHit cur = hits.get(i);
      assertThat(cur.score()).as("score at %d", i).isLessThanOrEqualTo(prev.score());
      if (cur.score() == prev.score()) {
        assertThat(cur.memory().id()).as("tie order at %d", i).isLessThan(prev.memory().id());
      }
    }
  }

  @Test
  void pagesReturnEveryResultExactlyOnceInTheOrderOfOneBigPage() {
    try (Corpus c = corpus(30)) {
      List<RecallHit> single = c.recaller.recall(query("photo library backup", 100, null, null,
          0, 0, 0), c.index, NOW).hits();
      assertThat(single).hasSize(30);
      List<RecallHit> paged = allPages(c, "photo library backup", 4, 0, 0);
      assertThat(ids(paged)).doesNotHaveDuplicates().isEqualTo(ids(single));
      assertThat(paged).extracting(RecallHit::score)
          .isEqualTo(single.stream().map(RecallHit::score).toList());
      assertOrdered(paged);
    }
  }

  @Test
  void pageSizeDoesNotChangeWhatIsReturned() {
    try (Corpus c = corpus(30)) {
      List<UUID> one = ids(allPages(c, "nightly backup", 1, 0, 0));
      assertThat(one).hasSize(25).doesNotHaveDuplicates(); // 5 share no word with the query
      for (int limit : new int[] {2, 5, 7, 25, 100}) {
        assertThat(ids(allPages(c, "nightly backup", limit, 0, 0))).as("limit %d", limit)
            .isEqualTo(one);
      }
    }
  }

  @Test
  void pagesOfADiversifiedRecallNeitherRepeatNorSkip() {
    try (Corpus c = corpus(30)) {
      List<RecallHit> single = c.recaller.recall(query("photo library backup", 100, null, null,
          0, 0, 0.4), c.index, NOW).hits();
      List<RecallHit> paged = allPages(c, "photo library backup", 4, 0, 0.4);
      assertThat(ids(paged)).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(ids(single));
      assertOrdered(paged);
    }
  }

  @Test
  void minRecallScoreEndsThePagination() {
    try (Corpus c = corpus(30)) {
      List<RecallHit> all = allPages(c, "photo library backup", 4, 0, 0);
      double cut = all.get(13).score();
      List<RecallHit> kept = all.stream().filter(s -> s.score() >= cut).toList();
      assertThat(kept.size()).isLessThan(all.size());
      List<RecallHit> paged = allPages(c, "photo library backup", 4, cut, 0);
      assertThat(ids(paged)).isEqualTo(ids(kept));
    }
  }

  @Test
  void pagingPastTheFirstPagesDepthReturnsEveryLexicalResultOnce() {
    // More candidates than a first page ranks (200): later pages rank deeper.
    try (Corpus c = corpus(Corpus.lexical(), 320)) {
      List<RecallHit> paged = allPages(c, "photo library backup", 25, 0, 0);
      assertThat(ids(paged)).doesNotHaveDuplicates();
      assertOrdered(paged);
      assertThat(paged).hasSize(320);
    }
  }

  @Test
  void pagingPastTheFirstPagesDepthReturnsEveryResultOnce() {
    try (Corpus c = corpus(320)) {
      List<RecallHit> paged = allPages(c, "photo library backup", 25, 0, 0);
      assertThat(ids(paged)).doesNotHaveDuplicates();
      assertOrdered(paged);
      assertThat(new HashSet<>(ids(paged))).hasSize(320);
    }
  }

  @Test
  void aMalformedCursorIsRejected() {
    try (Corpus c = corpus(6)) {
      for (String bad : List.of("nonsense", "0.5:not-a-uuid", ":" + UUID.randomUUID())) {
        assertThatThrownBy(() -> c.recaller.recall(query("backup", 5, null, bad, 0, 0, 0),
            c.index, NOW)).isInstanceOf(MemoryException.class);
      }
    }
  }
}
