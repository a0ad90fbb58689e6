package com.memoryoss.indexer.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.memoryoss.indexer.embed.internal.ChunkPlanner;
import com.memoryoss.indexer.embed.internal.EncodedBatch;
import com.memoryoss.indexer.embed.internal.MeanPooling;
import com.memoryoss.indexer.embed.internal.TokenizerSpec;
import com.memoryoss.indexer.embed.internal.WordPieceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An {@link Embedder} running a BERT-style sentence model in ONNX Runtime on the CPU: own WordPiece
 * tokenizer, one batched inference per chunk of passages, the model's pooling (mean over the
 * attention mask, or the {@code [CLS]} vector), L2 normalisation.
 *
 * <p>Batching: passages are sorted by token count, then cut into chunks of at most {@value
 * #BATCH_SIZE} texts and {@value #MAX_BATCH_TOKENS} padded token slots, where a chunk ends early if
 * the padding it would add costs more than another inference; results come back in the caller's
 * order. For an fp32 model a text's vector does not depend on its batch mates; for a dynamically
 * quantized one ({@link ModelSpec#batchDependent()}) it does, slightly: e5-small-v2's batched
 * vectors were at least 0.994 cosine to the same texts embedded alone.
 *
 * <p>Threading: all methods may be called from any thread. Inferences from concurrent callers run
 * in parallel on the one session, each using up to {@code intraOpThreads} cores, so callers should
 * bound their own concurrency (one indexing stage feeding batches is the intended use). {@link
 * #close()} waits for inferences in flight, then frees the session; later calls throw {@link
 * IllegalStateException}. The process-wide {@link OrtEnvironment} is never closed.
 *
 * <p>Failures: a missing model resource or an unsupported graph or tokenizer fails {@link #open};
 * an inference error throws {@link EmbeddingException}; a {@code null} text throws {@link
 * NullPointerException}.
 */
public final class OnnxEmbedder implements Embedder {
  /** Most texts per inference; larger batches barely help on a few cores and pad more. */
  public static final int BATCH_SIZE = 32;

  /**
   * Most padded token slots (texts × longest) per inference. Keeps one long memory from making 31
   * short ones pay for its length, and bounds the attention tensors' memory.
   */
  public static final int MAX_BATCH_TOKENS = 2048;

  /**
   * One inference's fixed cost in token slots (about 2 ms of a single short query, at about 0.15
   * ms per slot on 2 cores). With it, calls of 32 memories of mixed length ran roughly twice as
   * fast as with fixed chunks of 32 (about 115 to 230-280 passages/s here).
   */
  private static final int INFERENCE_OVERHEAD_TOKENS = 32;

  private static final ChunkPlanner PLANNER =
      new ChunkPlanner(BATCH_SIZE, MAX_BATCH_TOKENS, INFERENCE_OVERHEAD_TOKENS);

  private static final String INPUT_IDS = "input_ids";
  private static final String ATTENTION_MASK = "attention_mask";
  private static final String TOKEN_TYPE_IDS = "token_type_ids";

  private final ModelSpec spec;
  private final WordPieceTokenizer tokenizer;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final List<String> inputs;
  private final String output;
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed; // guarded by lifecycle

  private OnnxEmbedder(
      ModelSpec spec,
      WordPieceTokenizer tokenizer,
      OrtEnvironment env,
      OrtSession session,
      List<String> inputs,
      String output) {
    this.spec = spec;
    this.tokenizer = tokenizer;
    this.env = env;
    this.session = session;
    this.inputs = inputs;
    this.output = output;
  }

  /**
   * Loads a model from the classpath and creates its session (about a second for a small model).
   *
   * @param intraOpThreads cores one inference may use, at least 1
   * @param maxTokens token cap per text, special tokens included, at least 2; lowered to the
   *     model's own limit (the {@code tokenizer.json} truncation, else {@link
   *     ModelSpec#positionLimit()}) if above it. Text past the cap is not embedded.
   * @throws IllegalArgumentException for bad arguments or an unsupported tokenizer or graph
   * @throws IllegalStateException if the model's resources are not on the classpath
   * @throws EmbeddingException if ONNX Runtime cannot create the session
   */
  public static OnnxEmbedder open(ModelSpec spec, int intraOpThreads, int maxTokens) {
    Objects.requireNonNull(spec, "spec");
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be at least 1: " + intraOpThreads);
    }
    if (maxTokens < 2) {
      throw new IllegalArgumentException("maxTokens must be at least 2: " + maxTokens);
    }
    TokenizerSpec tokens;
    byte[] graph;
    try (InputStream json = resource(spec, spec.tokenizerResource());
        InputStream onnx = resource(spec, spec.onnxResource())) {
      tokens = TokenizerSpec.parse(json);
      graph = onnx.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read model " + spec.id() + " from the classpath", e);
    }
    int limit = Math.min(maxTokens, tokens.truncation().orElse(spec.positionLimit()));
    WordPieceTokenizer tokenizer = new WordPieceTokenizer(tokens, limit);

    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession session;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(intraOpThreads);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
      // Spinning pool threads burn the cores the rest of the server shares, and on busy cores a
      // descheduled spinner stalls every inference: measured here, spinning halved throughput at
      // 2 threads (MiniLM 220 vs 330 passages/s, e5 220 vs 400).
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      session = env.createSession(graph, options);
    } catch (OrtException e) {
      throw new EmbeddingException("cannot create an ONNX session for " + spec.id(), e);
    }
    try {
      return new OnnxEmbedder(
          spec, tokenizer, env, session, inputsOf(spec, session), outputOf(spec, session));
    } catch (RuntimeException | OrtException e) {
      closeQuietly(session, e);
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new EmbeddingException("cannot inspect the ONNX graph of " + spec.id(), e);
    }
  }

  @Override
  public String modelId() {
    return spec.id();
  }

  @Override
  public int dimensions() {
    return spec.dimensions();
  }

  public ModelSpec spec() {
    return spec;
  }

  /** The effective token cap per text, special tokens included. */
  public int maxTokens() {
    return tokenizer.maxTokens();
  }

  @Override
  public float[][] embedPassages(List<String> texts) {
    Objects.requireNonNull(texts, "texts");
    int n = texts.size();
    int[][] tokens = new int[n][];
    // Sort keys: token count in the high half, original index in the low half.
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      String text = texts.get(i);
      if (text == null) {
        throw new NullPointerException("texts[" + i + "] is null");
      }
      tokens[i] = tokenizer.encode(spec.passagePrefix() + text);
      order[i] = ((long) tokens[i].length << 32) | i;
    }
    Arrays.sort(order);
    int[] lengths = new int[n];
    for (int k = 0; k < n; k++) {
      lengths[k] = (int) (order[k] >>> 32);
    }
    float[][] out = new float[n][];
    int from = 0;
    for (int to : PLANNER.plan(lengths)) {
      List<int[]> chunk = new ArrayList<>(to - from);
      for (int k = from; k < to; k++) {
        chunk.add(tokens[(int) order[k]]);
      }
      float[][] vectors = infer(EncodedBatch.of(chunk, tokenizer.spec().padId()));
      for (int k = from; k < to; k++) {
        out[(int) order[k]] = vectors[k - from];
      }
      from = to;
    }
    return out;
  }

  @Override
  public float[] embedQuery(String text) {
    Objects.requireNonNull(text, "text");
    int[] tokens = tokenizer.encode(spec.queryPrefix() + text);
    return infer(EncodedBatch.of(List.of(tokens), tokenizer.spec().padId()))[0];
  }

  /** Waits for running inferences, then frees the session. Idempotent. */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      session.close();
    } catch (OrtException e) {
      throw new EmbeddingException("cannot close the ONNX session of " + spec.id(), e);
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "OnnxEmbedder[" + spec.id() + ", maxTokens=" + maxTokens() + "]";
  }

  private float[][] infer(EncodedBatch batch) {
    lifecycle.readLock().lock();
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      if (closed) {
        throw new IllegalStateException("embedder " + spec.id() + " is closed");
      }
      for (String name : inputs) {
        long[] values =
            switch (name) {
              case INPUT_IDS -> batch.inputIds();
              case ATTENTION_MASK -> batch.attentionMask();
              default -> batch.tokenTypeIds();
            };
        feed.put(name, OnnxTensor.createTensor(env, LongBuffer.wrap(values), batch.shape()));
      }
      try (OrtSession.Result result = session.run(feed, Set.of(output))) {
        OnnxTensor hidden = (OnnxTensor) result.get(0);
        return switch (spec.pooling()) {
          case MEAN -> MeanPooling.pool(hidden.getFloatBuffer(), batch, spec.dimensions());
          case CLS -> MeanPooling.cls(hidden.getFloatBuffer(), batch, spec.dimensions());
        };
      }
    } catch (OrtException e) {
      throw new EmbeddingException(
          "inference failed for " + spec.id() + " on a batch of " + batch.rows(), e);
    } finally {
      feed.values().forEach(OnnxTensor::close);
      lifecycle.readLock().unlock();
    }
  }

  /** The graph's inputs, all of which must be int64 tensors this class knows how to fill. */
  private static List<String> inputsOf(ModelSpec spec, OrtSession session) throws OrtException {
    Map<String, NodeInfo> info = session.getInputInfo();
    if (!info.containsKey(INPUT_IDS)) {
      throw new IllegalArgumentException(spec.id() + " has no input_ids input: " + info.keySet());
    }
    for (NodeInfo node : info.values()) {
      String name = node.getName();
      if (!Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS).contains(name)
          || !(node.getInfo() instanceof TensorInfo t)
          || t.type != OnnxJavaType.INT64) {
        throw new IllegalArgumentException(
            spec.id() + " has an unsupported input " + name + ": " + node.getInfo());
      }
    }
    return List.copyOf(info.keySet());
  }

  /** {@code last_hidden_state}, else the first rank-3 output, whose last axis must match. */
  private static String outputOf(ModelSpec spec, OrtSession session) throws OrtException {
    Map<String, NodeInfo> info = session.getOutputInfo();
    NodeInfo chosen = info.get("last_hidden_state");
    if (chosen == null) {
      chosen =
          info.values().stream()
              .filter(n -> n.getInfo() instanceof TensorInfo t && t.getShape().length == 3)
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          spec.id() + " has no [batch, tokens, hidden] output: " + info.keySet()));
    }
    if (!(chosen.getInfo() instanceof TensorInfo t)
        || t.type != OnnxJavaType.FLOAT
        || t.getShape().length != 3
        || (t.getShape()[2] > 0 && t.getShape()[2] != spec.dimensions())) {
      throw new IllegalArgumentException(
          spec.id() + " output " + chosen.getName() + " is not float [batch, tokens, "
              + spec.dimensions() + "]: " + chosen.getInfo());
    }
    return chosen.getName();
  }

  private static InputStream resource(ModelSpec spec, String name) {
    InputStream in = OnnxEmbedder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(
          "model " + spec.id() + " needs resource " + name + " from " + spec.carrier()
              + " on the classpath");
    }
    return in;
  }

  private static void closeQuietly(OrtSession session, Exception cause) {
    try {
      session.close();
    } catch (OrtException e) {
      cause.addSuppressed(e);
    }
  }
}
