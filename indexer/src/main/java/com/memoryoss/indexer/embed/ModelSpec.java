package com.memoryoss.indexer.embed;

import java.util.Objects;

/**
 * A sentence-embedding model whose ONNX graph and {@code tokenizer.json} ship as classpath
 * resources (so nothing is downloaded at run time).
 *
 * @param id stable model id stored with every vector, e.g. {@code e5-small-v2}
 * @param onnxResource classpath resource name of the ONNX graph
 * @param tokenizerResource classpath resource name of the HuggingFace {@code tokenizer.json}
 * @param carrier Maven coordinates of the artifact holding both resources, for error messages
 * @param dimensions length of the vectors (the hidden size)
 * @param positionLimit the most tokens the model accepts (its position embeddings), used when the
 *     {@code tokenizer.json} sets no truncation of its own
 * @param defaultMaxTokens the token cap applied by default, at most the model's own limit; lower
 *     than that limit where attention cost would otherwise make latency unbounded
 * @param queryPrefix prepended to queries ({@code ""} for none)
 * @param passagePrefix prepended to passages ({@code ""} for none)
 * @param batchDependent whether a text's vector depends on what else is in its batch (dynamically
 *     quantized models compute activation scales per batch)
 * @param pooling how token vectors become one sentence vector, as the model was trained
 */
public record ModelSpec(
    String id,
    String onnxResource,
    String tokenizerResource,
    String carrier,
    int dimensions,
    int positionLimit,
    int defaultMaxTokens,
    String queryPrefix,
    String passagePrefix,
    boolean batchDependent,
    Pooling pooling) {

  /** Sentence pooling over the last hidden state; the result is always scaled to unit length. */
  public enum Pooling {
    /** Mean of the token vectors the attention mask keeps (sentence-transformers, e5). */
    MEAN,
    /** The vector of the first token, {@code [CLS]} (BGE). */
    CLS
  }

  public ModelSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(onnxResource, "onnxResource");
    Objects.requireNonNull(tokenizerResource, "tokenizerResource");
    Objects.requireNonNull(carrier, "carrier");
    Objects.requireNonNull(queryPrefix, "queryPrefix");
    Objects.requireNonNull(passagePrefix, "passagePrefix");
    Objects.requireNonNull(pooling, "pooling");
    if (dimensions < 1 || positionLimit < 2 || defaultMaxTokens < 2) {
      throw new IllegalArgumentException("dimensions and token limits must be positive: " + id);
    }
    if (defaultMaxTokens > positionLimit) {
      throw new IllegalArgumentException("defaultMaxTokens exceeds positionLimit: " + id);
    }
  }
}
