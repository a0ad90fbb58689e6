/**
 * Local sentence embeddings: {@link com.memoryoss.indexer.embed.Embedder} is the contract, {@link
 * com.memoryoss.indexer.embed.Embedders} loads the models that ship inside the application, and
 * {@link com.memoryoss.indexer.embed.OnnxEmbedder} runs them in ONNX Runtime with an own WordPiece
 * tokenizer (in {@code internal}, which other modules must not use). Nothing is downloaded and
 * nothing phones home.
 */
package com.memoryoss.indexer.embed;
