package com.memoryoss.indexer.embed;

import java.util.List;

/**
 * Turns text into unit-length sentence vectors with one model. The model id is stored with every
 * vector it makes, so a namespace never mixes vectors of different models.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>Thread-safe: any thread may call any method concurrently.
 *   <li>Vectors are L2-normalised {@code float[dimensions()]}, so cosine similarity is a dot
 *       product.
 *   <li>{@link #embedPassages} is truly batched (one inference per batch) and gives, for each
 *       text, the same vector as embedding it alone (within float rounding) unless the model is
 *       documented as batch-dependent.
 *   <li>Queries and passages may be encoded differently (e.g. e5's {@code query: } and {@code
 *       passage: } prefixes); callers always say which they have.
 *   <li>Nothing is downloaded: model bytes ship inside the application.
 * </ol>
 */
public interface Embedder extends AutoCloseable {

  /** Stable id of the model and its encoding, e.g. {@code e5-small-v2}. */
  String modelId();

  int dimensions();

  /** Embeds memory contents, in order. */
  float[][] embedPassages(List<String> texts);

  /** Embeds one search query. */
  float[] embedQuery(String text);

  @Override
  void close();
}
