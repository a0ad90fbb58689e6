package com.memoryoss.indexer;

import static com.memoryoss.indexer.Corpus.id;
import static com.memoryoss.indexer.Corpus.mem;
import static org.assertj.core.api.Assertions.assertThat;

import com.memoryoss.protocol.Memory;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Previous/next memory per session, kept in O(1) per append and remove. */
class SessionContextTest {
  private final SessionContext sessions = new SessionContext();
  private final Map<UUID, Memory> memories = new HashMap<>();

  /** Appends memory n (content "m{n}") to a session; returns the touched neighbours. */
  private java.util.List<UUID> append(long n, String session) {
    Memory m = mem(n, "m" + n).session(session).build();
    memories.put(m.id(), m);
    return sessions.append(m);
  }

  private java.util.List<UUID> remove(long n) {
    return sessions.remove(memories.remove(id(n)));
  }

  private String context(long n) {
    return sessions.context(id(n), memories::get);
  }

  @Test
  void theFirstMemoryOfASessionHasNoNeighbours() {
    assertThat(append(1, "s")).isEmpty();
    assertThat(sessions.neighbours(id(1))).isEmpty();
    assertThat(context(1)).isEmpty();
  }

  @Test
  void appendingLinksToThePreviousLastAndReportsIt() {
    append(1, "s");
    assertThat(append(2, "s")).containsExactly(id(1));
    assertThat(append(3, "s")).containsExactly(id(2));
    assertThat(sessions.neighbours(id(1))).containsExactly(id(2));
    assertThat(sessions.neighbours(id(2))).containsExactly(id(1), id(3));
    assertThat(sessions.neighbours(id(3))).containsExactly(id(2));
  }

  @Test
  void contextIsThePreviousThenTheNextText() {
    append(1, "s");
    append(2, "s");
    append(3, "s");
    assertThat(context(2)).isEqualTo("m1\nm3");
    assertThat(context(1)).isEqualTo("m2");
    assertThat(context(3)).isEqualTo("m2");
  }

  @Test
  void sessionsAreIndependent() {
    append(1, "a");
    append(2, "b");
    append(3, "a");
    assertThat(sessions.neighbours(id(1))).containsExactly(id(3));
    assertThat(sessions.neighbours(id(2))).isEmpty();
    assertThat(sessions.neighbours(id(3))).containsExactly(id(1));
  }

  @Test
  void aMemoryWithoutSessionHasNoNeighbours() {
    assertThat(append(1, null)).isEmpty();
    assertThat(append(2, null)).isEmpty();
    assertThat(sessions.neighbours(id(2))).isEmpty();
    assertThat(remove(1)).isEmpty();
  }

  @Test
  void removingTheMiddleJoinsItsNeighbours() {
    append(1, "s");
    append(2, "s");
    append(3, "s");
    assertThat(remove(2)).containsExactly(id(1), id(3));
    assertThat(sessions.neighbours(id(1))).containsExactly(id(3));
    assertThat(sessions.neighbours(id(3))).containsExactly(id(1));
    assertThat(context(1)).isEqualTo("m3");
  }

  @Test
  void removingTheFirstLeavesTheSecondFirst() {
    append(1, "s");
    append(2, "s");
    append(3, "s");
    assertThat(remove(1)).containsExactly(id(2));
    assertThat(sessions.neighbours(id(2))).containsExactly(id(3));
    assertThat(append(4, "s")).containsExactly(id(3));
  }

  @Test
  void removingTheLastMakesThePreviousOneLastForTheNextAppend() {
    append(1, "s");
    append(2, "s");
    append(3, "s");
    assertThat(remove(3)).containsExactly(id(2));
    assertThat(sessions.neighbours(id(2))).containsExactly(id(1));
    assertThat(append(4, "s")).containsExactly(id(2));
    assertThat(sessions.neighbours(id(2))).containsExactly(id(1), id(4));
  }

  @Test
  void removingTheOnlyMemoryEmptiesTheSession() {
    append(1, "s");
    assertThat(remove(1)).isEmpty();
    assertThat(sessions.neighbours(id(1))).isEmpty();
    assertThat(append(2, "s")).isEmpty();
    assertThat(sessions.neighbours(id(2))).isEmpty();
  }

  @Test
  void removingEverythingOneByOneFromTheFrontKeepsLinksConsistent() {
    for (int n = 1; n <= 5; n++) {
      append(n, "s");
    }
    for (int n = 1; n <= 4; n++) {
      assertThat(remove(n)).containsExactly(id(n + 1));
    }
    assertThat(sessions.neighbours(id(5))).isEmpty();
    assertThat(append(6, "s")).containsExactly(id(5));
  }

  @Test
  void removingAnUnknownMemoryChangesNothing() {
    append(1, "s");
    assertThat(sessions.remove(mem(99, "x").session("s").build())).isEmpty();
    assertThat(append(2, "s")).containsExactly(id(1));
  }

  @Test
  void contextSkipsNeighboursTheLookupNoLongerKnows() {
    append(1, "s");
    append(2, "s");
    append(3, "s");
    memories.remove(id(1));
    assertThat(context(2)).isEqualTo("m3");
  }

  @Test
  void clearForgetsEverySession() {
    append(1, "s");
    append(2, "s");
    sessions.clear();
    assertThat(sessions.neighbours(id(2))).isEmpty();
    assertThat(append(3, "s")).isEmpty();
  }
}
