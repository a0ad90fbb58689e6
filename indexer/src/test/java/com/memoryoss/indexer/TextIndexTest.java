package com.memoryoss.indexer;

import static com.memoryoss.indexer.Corpus.NOW;
import static com.memoryoss.indexer.Corpus.id;
import static com.memoryoss.indexer.Corpus.mem;
import static org.assertj.core.api.Assertions.assertThat;

import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryFilter;
import com.memoryoss.protocol.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** BM25 over content, tags and session context; identifier lookup; metadata filters. */
class TextIndexTest {
  private final TextIndex index = new TextIndex();

  @AfterEach
  void close() {
    index.close();
  }

  private void add(Memory... memories) {
    for (Memory m : memories) {
      index.add(m, "");
    }
  }

  private List<UUID> search(String q) {
    return search(q, MemoryFilter.NONE);
  }

  private List<UUID> search(String q, MemoryFilter f) {
    return index.search(q, f, 10).stream().map(TextIndex.Hit::id).toList();
  }

  private List<UUID> idents(String... identifiers) {
    return index.identifierSearch(Set.of(identifiers), MemoryFilter.NONE, 10).stream()
        .map(TextIndex.Hit::id).toList();
  }

  private void threeMemories() {
    add(mem(1, "The staging database runs PostgreSQL 16 on a dedicated host").build(),
        mem(2, "Lunch with the team is on Friday at the noodle place").build(),
        mem(3, "The team moved the standup to Monday morning").build());
  }

  @Test
  void theMemorySharingTheQuerysWordsIsFound() {
    threeMemories();
    assertThat(search("Which database does staging use?")).containsExactly(id(1));
    assertThat(search("when is the team lunch")).first().isEqualTo(id(2));
  }

  @Test
  void aRareWordOutweighsACommonOne() {
    threeMemories();
    assertThat(search("team postgresql")).first().isEqualTo(id(1));
  }

  @Test
  void aQueryOfStopWordsOnlyMatchesNothing() {
    threeMemories();
    assertThat(search("what is the one thing you have on there")).isEmpty();
  }

  @Test
  void tagsAreSearchableLikeContent() {
    add(mem(1, "Rotate the certificates before they expire").tags("kubernetes").build(),
        mem(2, "Certificates for the blog are managed by a hosting provider").build());
    assertThat(search("kubernetes")).containsExactly(id(1));
  }

  @Test
  void aTurnIsFoundThroughItsNeighbourButBelowADirectMatch() {
    index.add(mem(1, "Yes, every Sunday!").build(), "Do you go hiking on weekends?");
    index.add(mem(2, "I went hiking in the Alps last summer").build(), "");
    index.add(mem(3, "The printer on the third floor is broken").build(), "");
    List<TextIndex.Hit> hits = index.search("hiking", MemoryFilter.NONE, 10);
    assertThat(hits).extracting(TextIndex.Hit::id).containsExactly(id(2), id(1));
    assertThat(hits.get(1).score()).isLessThan(hits.get(0).score() * 0.5f);
  }

  @Test
  void anIdentifierSearchScoresTheShareOfRareIdentifierWeightMatched() {
    for (int n = 1; n <= 8; n++) {
      add(mem(n, "service " + n + " reads config.yaml at start").build());
    }
    add(mem(9, "config.yaml sets DATABASE_URL for the billing service").build());
    List<TextIndex.Hit> hits =
        index.identifierSearch(Set.of("config.yaml", "database_url"), MemoryFilter.NONE, 20);
    assertThat(hits).hasSize(9);
    assertThat(hits.get(0).id()).isEqualTo(id(9));
    assertThat(hits.get(0).score()).isEqualTo(1.0f);
    assertThat(hits.subList(1, 9)).allSatisfy(h -> assertThat(h.score()).isBetween(0.01f, 0.3f));
  }

  @Test
  void identifiersAreMatchedLiterallyAndCaseInsensitively() {
    add(mem(1, "nginx reads /etc/nginx/sites-enabled/api.conf").build(),
        mem(2, "nginx reads /etc/nginx/sites-enabled/web.conf").build(),
        mem(3, "the hook `pre-commit-hook` is in TOOLS_DIR").tags("Build_Tools").build());
    assertThat(idents("/etc/nginx/sites-enabled/api.conf")).containsExactly(id(1));
    assertThat(idents("tools_dir")).containsExactly(id(3));
    assertThat(idents("build_tools")).containsExactly(id(3));
    assertThat(idents("/etc/nginx")).isEmpty();
    assertThat(idents()).isEmpty();
    assertThat(idents("never_seen_anywhere")).isEmpty();
  }

  @Test
  void filtersRestrictBothSearchesToMatchingMemories() {
    add(mem(1, "deploy the api").agent("alice").session("s1").tags("ops").build(),
        mem(2, "deploy the api").agent("bob").session("s2").type(MemoryType.PROCEDURAL).build(),
        mem(3, "deploy the api").agent("bob").session("s1").tags("dev", "ops").build());
    assertThat(search("deploy", Corpus.agent("bob"))).containsExactlyInAnyOrder(id(2), id(3));
    assertThat(search("deploy", Corpus.session("s1"))).containsExactlyInAnyOrder(id(1), id(3));
    assertThat(search("deploy", Corpus.type(MemoryType.PROCEDURAL))).containsExactly(id(2));
    assertThat(search("deploy", Corpus.tags("dev", "nothing"))).containsExactly(id(3));
    assertThat(search("deploy", Corpus.tags("Ops"))).isEmpty(); // tags match exactly
    assertThat(search("deploy", new MemoryFilter("bob", "s1", null, null, null, null)))
        .containsExactly(id(3));
    assertThat(index.identifierSearch(Set.of("deploy"), Corpus.agent("alice"), 10)).isEmpty();
  }

  @Test
  void beforeAndAfterAreExclusiveBoundsOnCreation() {
    add(mem(1, "backup ran").at(NOW.minus(Duration.ofDays(2))).build(),
        mem(2, "backup ran").at(NOW.minus(Duration.ofDays(1))).build(),
        mem(3, "backup ran").at(NOW).build());
    Instant day = NOW.minus(Duration.ofDays(1));
    assertThat(search("backup", Corpus.between(null, day))).containsExactly(id(1));
    assertThat(search("backup", Corpus.between(day, null))).containsExactly(id(3));
    assertThat(search("backup", Corpus.between(day, day))).isEmpty();
    assertThat(search("backup", Corpus.between(NOW.minus(Duration.ofDays(3)), NOW)))
        .containsExactlyInAnyOrder(id(1), id(2));
    Memory edge = mem(2, "backup ran").at(day).build();
    assertThat(Corpus.between(null, day).matches(edge)).isFalse();
    assertThat(Corpus.between(day, null).matches(edge)).isFalse();
  }

  @Test
  void anUpsertReplacesTheOldText() {
    Memory m = mem(1, "the cache uses redis").build();
    index.add(m, "");
    index.upsert(m.revised("the cache uses memcached", "h2", List.of(), m.memoryType(), NOW),
        "");
    assertThat(search("redis")).isEmpty();
    assertThat(search("memcached")).containsExactly(id(1));
    assertThat(index.size()).isEqualTo(1);
  }

  @Test
  void anArchivedMemoryLeavesTheIndexAndIsNeverAdded() {
    Memory m = mem(1, "the cache uses redis").build();
    index.add(m, "");
    index.upsert(Corpus.archived(m), "");
    index.add(mem(2, "redis again").build(), "");
    index.add(Corpus.archived(mem(3, "redis archived").build()), "");
    assertThat(search("redis")).containsExactly(id(2));
  }

  @Test
  void removeAndClearDropDocuments() {
    threeMemories();
    assertThat(index.size()).isEqualTo(3);
    index.remove(id(1));
    assertThat(search("database")).isEmpty();
    assertThat(index.size()).isEqualTo(2);
    index.clear();
    assertThat(index.size()).isZero();
    assertThat(search("team")).isEmpty();
  }
}
