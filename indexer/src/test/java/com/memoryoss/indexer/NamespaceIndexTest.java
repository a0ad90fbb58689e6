package com.memoryoss.indexer;

import static com.memoryoss.indexer.Corpus.NOW;
import static com.memoryoss.indexer.Corpus.id;
import static com.memoryoss.indexer.Corpus.mem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.memoryoss.indexer.vector.VectorHit;
import com.memoryoss.protocol.Embedding;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryFilter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The namespace read model: Put/Remove/Reset ops, embedding, session context, nearest. */
class NamespaceIndexTest {
  private final Corpus c = Corpus.dense();
  private final TestEmbedder embedder = c.embedder;
  private final NamespaceIndex index = c.index;

  @AfterEach
  void close() {
    c.close();
  }

  private List<NamespaceIndex.NewEmbedding> apply(IndexOp... ops) {
    return index.apply(List.of(ops));
  }

  private static IndexOp put(Memory m) {
    return new IndexOp.Put(m, null);
  }

  private List<UUID> text(String q) {
    return index.text().search(q, MemoryFilter.NONE, 10).stream().map(TextIndex.Hit::id).toList();
  }

  @Test
  void memoriesWithoutAVectorAreEmbeddedAndTheEmbeddingsReturned() {
    Memory a = mem(1, "kafka consumer lag").build();
    Memory b = mem(2, "lunch on friday").build();
    List<NamespaceIndex.NewEmbedding> out = apply(put(a), put(b));
    assertThat(out).extracting(NamespaceIndex.NewEmbedding::id)
        .containsExactlyInAnyOrder(id(1), id(2));
    assertThat(out).allSatisfy(e -> {
      assertThat(e.version()).isEqualTo(1);
      assertThat(e.embedding().model()).isEqualTo(TestEmbedder.MODEL);
      assertThat(e.embedding().vector()).isEqualTo(index.vectors().vector(e.id()));
    });
    assertThat(index.vectors().vector(id(1))).isEqualTo(embedder.embed("kafka consumer lag"));
    assertThat(index.embeddedCount()).isEqualTo(2);
    assertThat(index.size()).isEqualTo(2);
  }

  @Test
  void aStoredVectorOfTheNamespacesModelIsUsedAsIs() {
    float[] stored = embedder.embed("something else entirely");
    assertThat(index.apply(List.of(new IndexOp.Put(mem(1, "kafka consumer lag").build(),
        new Embedding(TestEmbedder.MODEL, stored))))).isEmpty();
    assertThat(index.vectors().vector(id(1))).isEqualTo(stored);
    assertThat(embedder.passages.get()).isZero();
  }

  @Test
  void aStoredVectorOfAnotherModelIsReplaced() {
    List<NamespaceIndex.NewEmbedding> out = index.apply(List.of(new IndexOp.Put(
        mem(1, "kafka consumer lag").build(), new Embedding("old-model", new float[] {1, 0}))));
    assertThat(out).hasSize(1);
    assertThat(index.vectors().vector(id(1))).isEqualTo(embedder.embed("kafka consumer lag"));
  }

  @Test
  void onlyAContentChangeIsReembedded() {
    Memory a = mem(1, "kafka consumer lag").build();
    apply(put(a));
    Memory.Builder retagged = a.toBuilder();
    retagged.tags = List.of("ops");
    retagged.version = 2;
    assertThat(apply(put(retagged.build()))).isEmpty();
    Memory revised = a.revised("kafka broker disk full", "h", List.of(), a.memoryType(), NOW);
    assertThat(apply(put(revised))).singleElement()
        .satisfies(e -> assertThat(e.version()).isEqualTo(2));
    assertThat(index.vectors().vector(id(1))).isEqualTo(embedder.embed("kafka broker disk full"));
    assertThat(embedder.passages.get()).isEqualTo(2);
  }

  @Test
  void aLifecycleChangeUpdatesTheRecordWhileTextChangesStillReindex() {
    Memory a = mem(1, "kafka consumer lag").build();
    apply(put(a));
    assertThat(apply(new IndexOp.Put(a.injected(NOW), new Embedding(TestEmbedder.MODEL,
        embedder.embed("kafka consumer lag"))))).isEmpty();
    assertThat(index.memory(id(1)).injectionCount()).isEqualTo(1);
    assertThat(text("kafka")).containsExactly(id(1));
    Memory.Builder retagged = index.memory(id(1)).toBuilder();
    retagged.tags = List.of("streaming");
    apply(put(retagged.build()));
    assertThat(text("streaming")).containsExactly(id(1));
    Memory.Builder archived = index.memory(id(1)).toBuilder();
    archived.archived = true;
    apply(put(archived.build()));
    assertThat(text("kafka")).isEmpty();
    assertThat(embedder.passages.get()).isEqualTo(1);
  }

  @Test
  void aMemoryRemovedLaterInTheSameBatchIsNeitherEmbeddedNorIndexed() {
    assertThat(apply(put(mem(1, "kafka consumer lag").build()), new IndexOp.Remove(id(1))))
        .isEmpty();
    assertThat(embedder.passages.get()).isZero();
    assertThat(index.size()).isZero();
    assertThat(text("kafka")).isEmpty();
  }

  @Test
  void aMemoryChangedLaterInTheSameBatchIsEmbeddedOnceAtItsLatestContent() {
    Memory a = mem(1, "kafka consumer lag").build();
    Memory b = a.revised("kafka broker disk full", "h", List.of(), a.memoryType(), NOW);
    assertThat(apply(put(a), put(b))).singleElement()
        .satisfies(e -> assertThat(e.version()).isEqualTo(2));
    assertThat(index.vectors().vector(id(1))).isEqualTo(embedder.embed("kafka broker disk full"));
  }

  @Test
  void removeForgetsTheMemoryEverywhere() {
    apply(put(mem(1, "kafka consumer lag").agent("alice").build()),
        put(mem(2, "kafka broker disk full").agent("alice").build()));
    apply(new IndexOp.Remove(id(1)), new IndexOp.Remove(id(42)));
    assertThat(index.memory(id(1))).isNull();
    assertThat(index.vectors().vector(id(1))).isNull();
    assertThat(text("consumer")).isEmpty();
    assertThat(index.agents()).containsExactly("alice");
    apply(new IndexOp.Remove(id(2)));
    assertThat(index.agents()).isEmpty();
    assertThat(index.size()).isZero();
  }

  @Test
  void resetReplacesEverythingAndEmbedsOnlyWhatHasNoVector() {
    apply(put(mem(1, "old memory about redis").agent("alice").session("s").build()));
    Memory a = mem(2, "Do you go hiking on weekends?").agent("bob").session("s").build();
    Memory b = mem(3, "Yes, every Sunday!").agent("bob").session("s").build();
    float[] stored = embedder.embed("Do you go hiking on weekends?");
    List<NamespaceIndex.NewEmbedding> out = apply(new IndexOp.Reset(List.of(a, b),
        Map.of(a.id(), new Embedding(TestEmbedder.MODEL, stored))));
    assertThat(out).extracting(NamespaceIndex.NewEmbedding::id).containsExactly(id(3));
    assertThat(index.memory(id(1))).isNull();
    assertThat(index.vectors().vector(id(1))).isNull();
    assertThat(text("redis")).isEmpty();
    assertThat(index.agents()).containsExactly("bob");
    // The session is rebuilt in the given order: the first stored memory does not precede them.
    assertThat(text("hiking")).containsExactly(id(2), id(3));
    assertThat(index.size()).isEqualTo(2);
  }

  @Test
  void aTurnIsSearchableThroughItsSessionNeighbours() {
    apply(put(mem(1, "Do you go hiking on weekends?").session("s").build()),
        put(mem(2, "Yes, every Sunday!").session("s").build()),
        put(mem(3, "Yes, every Sunday!").session("other").build()));
    assertThat(text("hiking")).containsExactly(id(1), id(2));
    // Both Sunday turns match directly; the question only through its answer, so it is last.
    assertThat(text("sunday")).hasSize(3).last().isEqualTo(id(1));
  }

  @Test
  void changingAMemorysContentReindexesItsNeighbours() {
    Memory q = mem(1, "Do you go hiking on weekends?").session("s").build();
    apply(put(q), put(mem(2, "Yes, every Sunday!").session("s").build()));
    apply(put(q.revised("Do you go swimming on weekends?", "h", List.of(), q.memoryType(), NOW)));
    assertThat(text("hiking")).isEmpty();
    assertThat(text("swimming")).containsExactly(id(1), id(2));
  }

  @Test
  void removingATurnJoinsTheContextOfItsNeighbours() {
    apply(put(mem(1, "Where did you grow up?").session("s").build()),
        put(mem(2, "In Lisbon, near the river").session("s").build()),
        put(mem(3, "Did you like the pastries there?").session("s").build()));
    List<UUID> before = text("lisbon");
    assertThat(before).hasSize(3).first().isEqualTo(id(2));
    assertThat(before.subList(1, 3)).containsExactlyInAnyOrder(id(1), id(3));
    apply(new IndexOp.Remove(id(2)));
    assertThat(text("lisbon")).isEmpty();
    assertThat(text("pastries")).containsExactly(id(3), id(1));
    assertThat(text("grow")).containsExactly(id(1), id(3));
  }

  @Test
  void anArchivedMemoryIsKeptButNotSearchable() {
    Memory a = mem(1, "kafka consumer lag").build();
    apply(put(a), put(mem(2, "kafka broker disk full").build()));
    apply(put(Corpus.archived(a)));
    assertThat(index.memory(id(1)).archived()).isTrue();
    assertThat(text("kafka")).containsExactly(id(2));
    assertThat(index.nearest(List.of("kafka consumer lag"), 5).get(0))
        .extracting(VectorHit::id).containsExactly(id(2));
  }

  @Test
  void nearestRanksByMeaningForEachText() {
    apply(put(mem(1, "kafka consumer lag on orders").build()),
        put(mem(2, "lunch with the team on friday").build()),
        put(mem(3, "kafka broker disk full").build()));
    List<List<VectorHit>> hits = index.nearest(List.of("consumer lag on orders", "team lunch"), 2);
    assertThat(hits.get(0)).extracting(VectorHit::id).first().isEqualTo(id(1));
    assertThat(hits.get(1)).extracting(VectorHit::id).first().isEqualTo(id(2));
    assertThat(hits).allSatisfy(h -> assertThat(h).hasSize(2));
  }

  @Test
  void clustersGroupNearDuplicates() {
    apply(put(mem(1, "kafka consumer lag on the orders topic").build()),
        put(mem(2, "kafka consumer lag on the orders topic again").build()),
        put(mem(3, "the kafka consumer lag on the orders topic").build()),
        put(mem(4, "lunch with the team on friday").build()));
    assertThat(index.clusters(0.8, 10, id -> true)).singleElement()
        .satisfies(g -> assertThat(g).containsExactlyInAnyOrder(id(1), id(2), id(3)));
    assertThat(index.clusters(0.8, 10, id -> !id.equals(id(2)))).singleElement()
        .satisfies(g -> assertThat(g).containsExactlyInAnyOrder(id(1), id(3)));
  }

  @Test
  void aLexicalIndexHasNoVectors() {
    try (Corpus lexical = Corpus.lexical()) {
      assertThat(lexical.index.apply(List.of(put(mem(1, "kafka consumer lag").build())))).isEmpty();
      assertThat(lexical.index.vectors()).isNull();
      assertThat(lexical.index.nearest(List.of("kafka", "lag"), 3))
          .containsExactly(List.of(), List.of());
      assertThat(lexical.index.clusters(0.5, 3, id -> true)).isEmpty();
    }
  }

  @Test
  void anEmbedderNeedsAVectorIndexAndViceVersa() {
    assertThatThrownBy(() -> new NamespaceIndex(embedder, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NamespaceIndex(null, new ScanVectorIndex(4)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
