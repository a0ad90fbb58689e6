package com.memoryoss.shard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.memoryoss.protocol.Embedding;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryStatus;
import com.memoryoss.protocol.MemoryType;
import com.memoryoss.shard.KeyStore;
import com.memoryoss.shard.MasterKey;
import com.memoryoss.shard.NamespaceState;
import com.memoryoss.shard.TestJournal;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Snapshots are sealed in chunks bound to their place; the first, single-message form opens. */
class SealerSnapshotTest {
  private static final String NS = "snap";
  private TestJournal journal;
  private ActorTestKit kit;
  private Keyring keys;
  private ObjectMapper cbor;

  @BeforeEach
  void start() throws Exception {
    journal = new TestJournal();
    kit = ActorTestKit.create("sealer-test", journal.config());
    KeyStore store = journal.settings.openKeyStore();
    keys = Keyring.load(store, MasterKey.fromFile(journal.dataDir.resolve("master.key")), NS);
    cbor = JacksonObjectMapperProvider.get(kit.system()).getOrCreate("jackson-cbor",
        Optional.empty());
  }

  @AfterEach
  void stop() throws Exception {
    kit.shutdownTestKit();
    journal.close();
  }

  private NamespaceState state(int n) {
    List<Memory> memories = new ArrayList<>();
    Map<UUID, Embedding> vectors = new HashMap<>();
    for (int i = 0; i < n; i++) {
      UUID id = UUID.randomUUID();
      keys.create(id);
      memories.add(Memory.created(id, NS, "memory number " + i + " says something", "h" + i,
          List.of("t"), "agent", "s1", MemoryType.SEMANTIC, MemoryStatus.ACTIVE, null, "k",
          Instant.parse("2026-01-01T00:00:00Z")));
      vectors.put(id, new Embedding("m", new float[] {i, 1, 2}));
    }
    return new NamespaceState(memories, vectors, "m");
  }

  private SealedSnapshot seal(NamespaceState s, int chunkBytes) {
    return (SealedSnapshot) new Sealer(keys, cbor, chunkBytes).snapshots().toJournal(s);
  }

  private NamespaceState open(SealedSnapshot s) {
    return new Sealer(keys, cbor).snapshots().fromJournal(s);
  }

  @Test
  void aSnapshotIsSealedInChunksAndOpensToTheSameState() {
    NamespaceState original = state(40);
    SealedSnapshot sealed = seal(original, 256);
    assertThat(sealed.sealed()).isNull();
    assertThat(sealed.chunks()).hasSizeGreaterThan(3);
    NamespaceState back = open(sealed);
    assertThat(back.all()).containsExactlyInAnyOrderElementsOf(original.all());
    assertThat(back.embeddingModel()).isEqualTo("m");
    for (Memory m : original.all()) {
      assertThat(back.embedding(m.id()).vector()).containsExactly(
          original.embedding(m.id()).vector());
    }
  }

  @Test
  void reorderedOrMissingChunksDoNotOpen() {
    SealedSnapshot sealed = seal(state(40), 256);
    List<byte[]> swapped = new ArrayList<>(sealed.chunks());
    swapped.set(0, sealed.chunks().get(1));
    swapped.set(1, sealed.chunks().get(0));
    assertThatThrownBy(() -> open(new SealedSnapshot(null, swapped)))
        .hasMessageContaining("cannot decrypt snapshot");
    List<byte[]> truncated = sealed.chunks().subList(0, sealed.chunks().size() - 1);
    assertThatThrownBy(() -> open(new SealedSnapshot(null, truncated)))
        .hasMessageContaining("cannot decrypt snapshot");
  }

  @Test
  void aSnapshotInTheSingleMessageFormStillOpens() throws Exception {
    NamespaceState original = state(5);
    SealedSnapshot chunked = seal(original, 64);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int n = chunked.chunks().size();
    for (int i = 0; i < n; i++) {
      body.write(Aead.open(keys.dataKey(), chunked.chunks().get(i),
          Aead.aad("snapshot", NS, Integer.toString(i), Integer.toString(n))));
    }
    SealedSnapshot legacy = new SealedSnapshot(
        Aead.seal(keys.dataKey(), body.toByteArray(), Aead.aad("snapshot", NS)), null);
    assertThat(open(legacy).all()).containsExactlyInAnyOrderElementsOf(original.all());
  }
}
