package com.memoryoss.shard;

import com.memoryoss.indexer.embed.Embedder;
import java.util.List;
import java.util.Locale;

/**
 * Test double: a deterministic bag-of-words embedder (each word hashed to one of 64 dimensions),
 * so texts sharing words are close. Counts calls, to prove recovery does not re-embed.
 */
final class HashingEmbedder implements Embedder {
  static final String MODEL = "test-hashing-64";
  private final String model;
  volatile int passages;

  HashingEmbedder() {
    this(MODEL);
  }

  HashingEmbedder(String model) {
    this.model = model;
  }
  /** Pause per batch, to simulate a slow model. */
  volatile long delayMs;

  @Override
  public String modelId() {
    return model;
  }

  @Override
  public int dimensions() {
    return 64;
  }

  @Override
  public float[][] embedPassages(List<String> texts) {
    passages += texts.size();
    if (delayMs > 0) {
      try {
        Thread.sleep(delayMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    float[][] out = new float[texts.size()][];
    for (int i = 0; i < texts.size(); i++) {
      out[i] = embed(texts.get(i));
    }
    return out;
  }

  @Override
  public float[] embedQuery(String text) {
    return embed(text);
  }

  static float[] embed(String text) {
    float[] v = new float[64];
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        v[Math.floorMod(w.hashCode(), 64)] += 1;
      }
    }
    double norm = 0;
    for (float f : v) {
      norm += f * f;
    }
    if (norm == 0) {
      v[0] = 1;
      return v;
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  @Override
  public void close() {}
}
