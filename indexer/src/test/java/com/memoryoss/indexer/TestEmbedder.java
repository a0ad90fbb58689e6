package com.memoryoss.indexer;

import com.memoryoss.indexer.embed.Embedder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test double for the sentence model: a deterministic bag of words hashed into 128 dimensions,
 * so texts sharing words are close. Words listed as synonyms are hashed as their canonical word,
 * which gives the dense channel something the lexical one cannot see ("automobile" ~ "car").
 * Counts the texts it embeds.
 */
final class TestEmbedder implements Embedder {
  static final String MODEL = "test-hashing-128";
  static final int DIMS = 128;

  private final String model;
  private final Map<String, String> synonyms;
  final AtomicInteger passages = new AtomicInteger();
  final AtomicInteger queries = new AtomicInteger();

  TestEmbedder() {
    this(MODEL, Map.of());
  }

  TestEmbedder(Map<String, String> synonyms) {
    this(MODEL, synonyms);
  }

  TestEmbedder(String model, Map<String, String> synonyms) {
    this.model = model;
    this.synonyms = synonyms;
  }

  @Override
  public String modelId() {
    return model;
  }

  @Override
  public int dimensions() {
    return DIMS;
  }

  @Override
  public float[][] embedPassages(List<String> texts) {
    passages.addAndGet(texts.size());
    float[][] out = new float[texts.size()][];
    for (int i = 0; i < texts.size(); i++) {
      out[i] = embed(texts.get(i));
    }
    return out;
  }

  @Override
  public float[] embedQuery(String text) {
    queries.incrementAndGet();
    return embed(text);
  }

  float[] embed(String text) {
    float[] v = new float[DIMS];
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        v[Math.floorMod(synonyms.getOrDefault(w, w).hashCode(), DIMS)] += 1;
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
