package com.memoryoss.indexer;

/**
 * Where a model's cosine similarities sit: below {@code band[0]} a memory is unrelated to the
 * query, above {@code band[1]} it is clearly about it. Sentence models differ widely (e5 scores
 * unrelated text around 0.75, MiniLM around 0.1), so absolute relevance needs the model's band.
 */
final class ModelCalibration {
  private ModelCalibration() {}

  static double[] band(String modelId) {
    return switch (modelId) {
      case "e5-small-v2" -> new double[] {0.78, 0.90};
      case "all-minilm-l6-v2" -> new double[] {0.25, 0.65};
      // Measured on the embedder tests' passages: unrelated p90 0.48, relevant 0.61..0.87.
      case "bge-small-en-v1.5" -> new double[] {0.50, 0.80};
      default -> new double[] {0.3, 0.8};
    };
  }
}
