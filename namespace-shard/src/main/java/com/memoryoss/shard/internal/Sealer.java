package com.memoryoss.shard.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.memoryoss.protocol.Embedding;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.NamespaceEvent;
import com.memoryoss.protocol.NamespaceEvent.MemoryEmbedded;
import com.memoryoss.protocol.NamespaceEvent.MemoryForgotten;
import com.memoryoss.protocol.NamespaceEvent.MemoryRevised;
import com.memoryoss.protocol.NamespaceEvent.MemoryStored;
import com.memoryoss.protocol.NamespaceEvent.MemoryUpdated;
import com.memoryoss.shard.NamespaceState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.List;
import javax.crypto.SecretKey;
import org.apache.pekko.persistence.typed.EventAdapter;
import org.apache.pekko.persistence.typed.EventSeq;
import org.apache.pekko.persistence.typed.SnapshotAdapter;

/**
 * Encrypts everything a namespace entity writes to the journal and snapshot store, and decrypts
 * it on recovery. A record whose memory key is gone (forgotten) decodes to nothing: it is skipped,
 * which is exactly the state after the forget.
 *
 * <p>Runs on the entity's thread (Pekko calls adapters there).
 */
public final class Sealer {
  private final Keyring keys;
  private final ObjectMapper cbor;
  /**
   * The latest sealed form of each memory, with the (immutable) memory instance it encodes: the
   * ciphertext of its {@code MemoryStored} event, or of the memory itself once it changed. A
   * snapshot reuses these instead of encrypting the whole namespace again.
   */
  private Map<UUID, Cached> sealedMemories = new HashMap<>();
  /** The same for embeddings: the ciphertext of each memory's latest embedding event. */
  private Map<UUID, CachedEmbedding> sealedEmbeddings = new HashMap<>();

  private record Cached(Memory memory, String kind, byte[] sealed) {}

  private record CachedEmbedding(Embedding embedding, String kind, byte[] sealed) {}

  private static final String MEMORY = "Memory";
  private static final String EMBEDDING = "Embedding";

  /** Size of the chunks a snapshot's body is sealed in. */
  static final int SNAPSHOT_CHUNK_BYTES = 1 << 20;
  private final int chunkBytes;

  public Sealer(Keyring keys, ObjectMapper cbor) {
    this(keys, cbor, SNAPSHOT_CHUNK_BYTES);
  }

  Sealer(Keyring keys, ObjectMapper cbor, int chunkBytes) {
    this.keys = keys;
    this.cbor = cbor;
    this.chunkBytes = chunkBytes;
  }

  public EventAdapter<NamespaceEvent, SealedEvent> events() {
    return new EventAdapter<>() {
      @Override
      public SealedEvent toJournal(NamespaceEvent e) {
        return seal(e);
      }

      @Override
      public String manifest(NamespaceEvent e) {
        return "";
      }

      @Override
      public EventSeq<NamespaceEvent> fromJournal(SealedEvent p, String manifest) {
        NamespaceEvent e = open(p);
        return e == null ? EventSeq.empty() : EventSeq.single(e);
      }
    };
  }

  public SnapshotAdapter<NamespaceState> snapshots() {
    return new SnapshotAdapter<>() {
      @Override
      public Object toJournal(NamespaceState state) {
        return sealSnapshot(state);
      }

      @Override
      public NamespaceState fromJournal(Object from) {
        return openSnapshot((SealedSnapshot) from);
      }
    };
  }

  SealedEvent seal(NamespaceEvent e) {
    boolean nsKey = e instanceof MemoryForgotten;
    SecretKey key = nsKey ? keys.dataKey() : keys.memoryKey(e.memoryId());
    if (key == null) {
      throw new IllegalStateException("no key for memory " + e.memoryId());
    }
    String kind = kind(e);
    byte[] plain = write(e);
    byte[] aad = Aead.aad("event", keys.namespace(), e.memoryId().toString(), kind);
    byte[] sealed = Aead.seal(key, plain, aad);
    remember(e, kind, sealed);
    return new SealedEvent(e.memoryId(), kind, nsKey, sealed);
  }

  NamespaceEvent open(SealedEvent p) {
    SecretKey key = p.namespaceKey() ? keys.dataKey() : keys.memoryKey(p.memoryId());
    if (key == null) {
      return null;
    }
    byte[] aad = Aead.aad("event", keys.namespace(), p.memoryId().toString(), p.kind());
    byte[] plain = openOrFail(key, p.sealed(), aad, "event of memory " + p.memoryId());
    Class<? extends NamespaceEvent> type = switch (p.kind()) {
      case "MemoryStored" -> MemoryStored.class;
      case "MemoryUpdated" -> MemoryUpdated.class;
      case "MemoryEmbedded" -> MemoryEmbedded.class;
      case "MemoryRevised" -> MemoryRevised.class;
      case "MemoryForgotten" -> MemoryForgotten.class;
      default -> throw new IllegalStateException("unknown event kind " + p.kind());
    };
    NamespaceEvent event = read(plain, type);
    remember(event, p.kind(), p.sealed());
    return event;
  }

  private void remember(NamespaceEvent e, String kind, byte[] sealed) {
    switch (e) {
      case MemoryStored s -> sealedMemories.put(e.memoryId(), new Cached(s.memory(), kind, sealed));
      case MemoryEmbedded m -> sealedEmbeddings.put(e.memoryId(),
          new CachedEmbedding(m.embedding(), kind, sealed));
      case MemoryUpdated u -> { }
      case MemoryRevised r -> { }
      case MemoryForgotten f -> { }
    }
  }

  SealedSnapshot sealSnapshot(NamespaceState state) {
    List<SealedSnapshot.SealedMemory> sealed = new ArrayList<>(state.size());
    Map<UUID, Cached> next = new HashMap<>(state.size() * 2);
    for (Memory m : state.all()) {
      Cached c = sealedMemories.get(m.id());
      if (c == null || c.memory() != m) {
        SecretKey key = keys.memoryKey(m.id());
        if (key == null) {
          throw new IllegalStateException("no key for memory " + m.id());
        }
        c = new Cached(m, MEMORY, Aead.seal(key, write(m), memoryAad(m.id())));
      }
      next.put(m.id(), c);
      sealed.add(new SealedSnapshot.SealedMemory(m.id(), c.kind(), c.sealed()));
    }
    sealedMemories = next;
    List<SealedSnapshot.SealedMemory> vectors = new ArrayList<>(state.embeddings().size());
    Map<UUID, CachedEmbedding> nextVectors = new HashMap<>(state.embeddings().size() * 2);
    for (Map.Entry<UUID, Embedding> en : state.embeddings().entrySet()) {
      UUID id = en.getKey();
      CachedEmbedding c = sealedEmbeddings.get(id);
      if (c == null || c.embedding() != en.getValue()) {
        c = new CachedEmbedding(en.getValue(), EMBEDDING, Aead.seal(requireKey(id),
            write(en.getValue()), embeddingAad(id)));
      }
      nextVectors.put(id, c);
      vectors.add(new SealedSnapshot.SealedMemory(id, c.kind(), c.sealed()));
    }
    sealedEmbeddings = nextVectors;
    byte[] body = write(new SealedSnapshot.Body(sealed, vectors, state.embeddingModel()));
    // Chunks, not one message: a single cipher call over hundreds of megabytes runs without the
    // JIT's AES-GCM intrinsics (it is never called often enough to be compiled) and takes seconds.
    int n = Math.max(1, (body.length + chunkBytes - 1) / chunkBytes);
    List<byte[]> chunks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] part = Arrays.copyOfRange(body, i * chunkBytes,
          Math.min(body.length, (i + 1) * chunkBytes));
      chunks.add(Aead.seal(keys.dataKey(), part, chunkAad(i, n)));
    }
    return new SealedSnapshot(null, chunks);
  }

  /** The body of a snapshot, opened (chunks in parallel) and checked whole. */
  private byte[] openBody(SealedSnapshot s) {
    if (s.chunks() == null) {
      return openOrFail(keys.dataKey(), s.sealed(), snapshotAad(), "snapshot");
    }
    int n = s.chunks().size();
    byte[][] parts = new byte[n][];
    IntStream.range(0, n).parallel().forEach(i ->
        parts[i] = openOrFail(keys.dataKey(), s.chunks().get(i), chunkAad(i, n), "snapshot"));
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    byte[] body = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, body, at, p.length);
      at += p.length;
    }
    return body;
  }

  /**
   * Opens a snapshot. Each memory and vector is decrypted and decoded in parallel (the bulk of a
   * large namespace's recovery time); the caches are filled in order afterwards.
   */
  NamespaceState openSnapshot(SealedSnapshot s) {
    SealedSnapshot.Body body = read(openBody(s), SealedSnapshot.Body.class);
    List<SealedSnapshot.SealedMemory> sealed = body.memories();
    Memory[] opened = new Memory[sealed.size()];
    IntStream.range(0, opened.length).parallel()
        .forEach(i -> opened[i] = openMemory(sealed.get(i)));
    List<Memory> memories = new ArrayList<>(opened.length);
    for (int i = 0; i < opened.length; i++) {
      if (opened[i] != null) { // null: forgotten after this snapshot was taken
        SealedSnapshot.SealedMemory sm = sealed.get(i);
        sealedMemories.put(sm.id(), new Cached(opened[i], sm.kind(), sm.sealed()));
        memories.add(opened[i]);
      }
    }
    List<SealedSnapshot.SealedMemory> sealedVectors =
        body.embeddings() == null ? List.of() : body.embeddings();
    Embedding[] vectors = new Embedding[sealedVectors.size()];
    IntStream.range(0, vectors.length).parallel()
        .forEach(i -> vectors[i] = openEmbedding(sealedVectors.get(i)));
    Map<UUID, Embedding> byId = new HashMap<>(vectors.length * 2);
    for (int i = 0; i < vectors.length; i++) {
      if (vectors[i] != null) {
        SealedSnapshot.SealedMemory sv = sealedVectors.get(i);
        sealedEmbeddings.put(sv.id(), new CachedEmbedding(vectors[i], sv.kind(), sv.sealed()));
        byId.put(sv.id(), vectors[i]);
      }
    }
    return new NamespaceState(memories, byId, body.embeddingModel());
  }

  /** A snapshot's memory, or {@code null} when its key is gone. Thread-safe. */
  private Memory openMemory(SealedSnapshot.SealedMemory sm) {
    SecretKey key = keys.memoryKey(sm.id());
    if (key == null) {
      return null;
    }
    if (MEMORY.equals(sm.kind())) {
      return read(openOrFail(key, sm.sealed(), memoryAad(sm.id()), "memory " + sm.id()),
          Memory.class);
    }
    byte[] aad = Aead.aad("event", keys.namespace(), sm.id().toString(), sm.kind());
    return read(openOrFail(key, sm.sealed(), aad, "memory " + sm.id()), MemoryStored.class)
        .memory();
  }

  /** A snapshot's vector, or {@code null} when its key is gone. Thread-safe. */
  private Embedding openEmbedding(SealedSnapshot.SealedMemory sv) {
    SecretKey key = keys.memoryKey(sv.id());
    if (key == null) {
      return null;
    }
    if (EMBEDDING.equals(sv.kind())) {
      return read(openOrFail(key, sv.sealed(), embeddingAad(sv.id()), "embedding " + sv.id()),
          Embedding.class);
    }
    byte[] aad = Aead.aad("event", keys.namespace(), sv.id().toString(), sv.kind());
    return read(openOrFail(key, sv.sealed(), aad, "embedding " + sv.id()), MemoryEmbedded.class)
        .embedding();
  }

  private SecretKey requireKey(UUID id) {
    SecretKey key = keys.memoryKey(id);
    if (key == null) {
      throw new IllegalStateException("no key for memory " + id);
    }
    return key;
  }

  private byte[] embeddingAad(UUID id) {
    return Aead.aad("embedding", keys.namespace(), id.toString());
  }

  private byte[] memoryAad(UUID id) {
    return Aead.aad("memory", keys.namespace(), id.toString());
  }

  private byte[] snapshotAad() {
    return Aead.aad("snapshot", keys.namespace());
  }

  private byte[] chunkAad(int index, int count) {
    return Aead.aad("snapshot", keys.namespace(), Integer.toString(index),
        Integer.toString(count));
  }

  private static String kind(NamespaceEvent e) {
    return switch (e) {
      case MemoryStored s -> "MemoryStored";
      case MemoryUpdated u -> "MemoryUpdated";
      case MemoryEmbedded m -> "MemoryEmbedded";
      case MemoryRevised r -> "MemoryRevised";
      case MemoryForgotten f -> "MemoryForgotten";
    };
  }

  private static byte[] openOrFail(SecretKey key, byte[] sealed, byte[] aad, String what) {
    try {
      return Aead.open(key, sealed, aad);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot decrypt " + what + ": tampered or wrong key");
    }
  }

  private byte[] write(Object o) {
    try {
      return cbor.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <T> T read(byte[] bytes, Class<T> type) {
    try {
      return cbor.readValue(bytes, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
