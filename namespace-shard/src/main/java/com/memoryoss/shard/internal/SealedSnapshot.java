package com.memoryoss.shard.internal;

import com.memoryoss.protocol.CborSerializable;
import java.util.List;
import java.util.UUID;

/**
 * A namespace snapshot as stored: the list of memories, each sealed with its own key, the whole
 * list sealed again with the namespace key. A forgotten memory's copy in an older snapshot is
 * unreadable once its key is gone.
 *
 * <p>The outer layer is either one message ({@code sealed}, the first format) or, since large
 * namespaces made that a multi-second single cipher call, consecutive chunks of the body each
 * sealed on its own with its index and the chunk count bound in ({@code chunks}); exactly one of
 * the two is set.
 *
 * <p>Frozen: this class name and its components are in the snapshot store.
 */
public record SealedSnapshot(byte[] sealed, List<byte[]> chunks) implements CborSerializable {

  /**
   * The plaintext body of a snapshot (still per-memory sealed): the memories, their embeddings
   * (kind {@code MemoryEmbedded} or {@code Embedding}), and the namespace's embedding model.
   */
  public record Body(List<SealedMemory> memories, List<SealedMemory> embeddings,
      String embeddingModel) implements CborSerializable {}

  /**
   * One memory sealed with its own key: either the ciphertext of its {@code MemoryStored} event
   * ({@code kind} = {@code "MemoryStored"}, reused as is) or of the memory itself ({@code
   * "Memory"}, after it changed).
   */
  public record SealedMemory(UUID id, String kind, byte[] sealed) implements CborSerializable {}
}
