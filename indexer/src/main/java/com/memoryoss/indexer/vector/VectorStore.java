package com.memoryoss.indexer.vector;

import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Append-only storage of one generation's unit vectors, addressed by dense ordinals.
 *
 * <p>Vectors live in contiguous {@code float[]} chunks of {@link #chunkVectors()} vectors each (the
 * first chunk grows geometrically so a tiny namespace does not pay for a whole chunk). Chunks are
 * capped at about 256 KiB so that they never become G1 "humongous" objects and growth never copies
 * more than one chunk. An ordinal's vector never changes once written: an upsert of an existing id
 * tombstones the old ordinal and appends a new one, which is what lets an HNSW graph keep pointing
 * at ordinals and lets readers scan without locks.
 *
 * <p>Threading: exactly one writer at a time (the owning index serialises writes); any number of
 * concurrent readers. Readers must read {@link #count()} (a volatile read) before touching
 * ordinals, and must only touch ordinals below the count they read. Every mutation ends with a
 * volatile write, so a reader that starts after a write returned sees it. A racing reader may see
 * an ordinal's id as {@code null} (tombstoned) at any moment, which it treats as "skip".
 */
final class VectorStore {
  /** Rough heap cost of one id→ordinal map entry: node, boxed Integer, UUID, table slot. */
  static final long MAP_ENTRY_BYTES = 88;

  private final int dimensions;
  private final int chunkShift;
  private final int chunkMask;
  private final ConcurrentHashMap<UUID, Integer> ordinals = new ConcurrentHashMap<>();
  // Outer arrays are copy-on-write and published through these volatile fields, so a reader never
  // sees a chunk slot without the chunk's contents (the data race JMM would otherwise allow).
  private volatile float[][] vectorChunks;
  private volatile UUID[][] idChunks;
  private volatile int count;
  private volatile int dead;

  VectorStore(int dimensions) {
    this.dimensions = dimensions;
    int perChunk = Integer.highestOneBit(Math.max(1, 65_536 / dimensions));
    this.chunkShift = Integer.numberOfTrailingZeros(perChunk);
    this.chunkMask = perChunk - 1;
    vectorChunks = new float[][] {new float[Math.min(perChunk, 8) * dimensions]};
    idChunks = new UUID[][] {new UUID[Math.min(perChunk, 8)]};
  }

  int dimensions() {
    return dimensions;
  }

  int chunkVectors() {
    return chunkMask + 1;
  }

  /** Number of ordinals ever appended, including tombstoned ones. */
  int count() {
    return count;
  }

  /** Number of tombstoned ordinals. */
  int dead() {
    return dead;
  }

  int live() {
    // Read dead first: both only grow, so this never under-reports a completed write.
    int d = dead;
    return count - d;
  }

  /**
   * Stores {@code vector} (already validated and unit length) under {@code id}, tombstoning the
   * id's previous ordinal first. Tombstoning before appending means a racing reader may briefly
   * miss the id, but never sees it twice. Writer only.
   *
   * @return the new ordinal
   */
  int upsert(UUID id, float[] vector) {
    Integer previous = ordinals.get(id);
    if (previous != null) {
      kill(previous);
    }
    int ord = count;
    ensureCapacity(ord);
    System.arraycopy(vector, 0, vectorChunks[ord >>> chunkShift], offset(ord), dimensions);
    idChunks[ord >>> chunkShift][ord & chunkMask] = id;
    count = ord + 1;
    // Mapped only once published, so the map never points past count().
    ordinals.put(id, ord);
    return ord;
  }

  /** Tombstones {@code id}'s ordinal. Writer only. Returns whether the id was present. */
  boolean remove(UUID id) {
    Integer previous = ordinals.remove(id);
    if (previous == null) {
      return false;
    }
    kill(previous);
    return true;
  }

  private void kill(int ord) {
    idChunks[ord >>> chunkShift][ord & chunkMask] = null;
    dead = dead + 1;
  }

  /** The live ordinal of {@code id}, or -1. Any thread. */
  int ordinal(UUID id) {
    Integer ord = ordinals.get(id);
    return ord == null ? -1 : ord;
  }

  /** The id stored at {@code ord}, or {@code null} if it was tombstoned. */
  UUID id(int ord) {
    return idChunks[ord >>> chunkShift][ord & chunkMask];
  }

  /** The chunk array holding {@code ord}'s vector; pair with {@link #offset(int)}. */
  float[] chunk(int ord) {
    return vectorChunks[ord >>> chunkShift];
  }

  int offset(int ord) {
    return (ord & chunkMask) * dimensions;
  }

  /** Dot product of a query with the vector at {@code ord}. */
  float dot(float[] query, int ord) {
    return DotProduct.dot(query, 0, chunk(ord), offset(ord), dimensions);
  }

  /** Dot product of the vectors at two ordinals. */
  float dot(int ordA, int ordB) {
    return DotProduct.dot(chunk(ordA), offset(ordA), chunk(ordB), offset(ordB), dimensions);
  }

  /** A fresh copy of the vector at {@code ord}. */
  float[] copy(int ord) {
    int from = offset(ord);
    return Arrays.copyOfRange(chunk(ord), from, from + dimensions);
  }

  /** Heap held by vectors, ids and the id map (estimate for the map). */
  long ramBytesUsed() {
    long bytes = 0;
    float[][] vectors = vectorChunks;
    UUID[][] ids = idChunks;
    for (int c = 0; c < vectors.length; c++) {
      if (vectors[c] != null) {
        bytes += 16L + 4L * vectors[c].length + 16L + 4L * ids[c].length;
      }
    }
    return bytes + (long) ordinals.size() * MAP_ENTRY_BYTES;
  }

  private void ensureCapacity(int ord) {
    int c = ord >>> chunkShift;
    int within = ord & chunkMask;
    float[][] vectors = vectorChunks;
    UUID[][] ids = idChunks;
    if (c < vectors.length && within < ids[c].length) {
      return;
    }
    vectors = Arrays.copyOf(vectors, Math.max(c + 1, vectors.length));
    ids = Arrays.copyOf(ids, vectors.length);
    if (vectors[c] == null) {
      vectors[c] = new float[chunkVectors() * dimensions];
      ids[c] = new UUID[chunkVectors()];
    } else {
      // Only the first chunk grows; readers holding the old array still see valid old ordinals.
      int grown = Math.min(chunkVectors(), ids[c].length * 2);
      vectors[c] = Arrays.copyOf(vectors[c], grown * dimensions);
      ids[c] = Arrays.copyOf(ids[c], grown);
    }
    idChunks = ids;
    vectorChunks = vectors;
  }
}
