package com.memoryoss.indexer.embed;

/**
 * A model could not be loaded or an inference failed inside ONNX Runtime. Not a caller error:
 * retrying the same texts will usually fail the same way, so callers should report it rather than
 * loop.
 */
public final class EmbeddingException extends RuntimeException {
  public EmbeddingException(String message, Throwable cause) {
    super(message, cause);
  }
}
