package com.memoryoss.indexer;

import com.memoryoss.indexer.vector.VectorIndex;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.TrustEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The trust evidence a namespace holds about its own memories, kept up to date incrementally as
 * the index changes (O(1) per source change, O(dimensions) per vector change), so that scoring a
 * memory costs one map lookup and one dot product:
 *
 * <ul>
 *   <li><b>Source reputation</b>: per source ({@code source_key}, else {@code agent:<name>}, else
 *       {@code manual}), a Beta(2, 1) prior updated by every outcome of its memories: successes
 *       are confirmations and re-confirmations by further evidence, failures are rejections and
 *       supersessions. Reputation is the posterior mean, with a normal-approximation 95%
 *       interval; a source with no outcome yet is neutral (0.5, interval 0.2..0.8).
 *   <li><b>Embedding coherence</b>: {@code (cos(v, c) + 1) / 2} between a memory's unit vector
 *       {@code v} and the centroid {@code c} of the other non-archived memories' vectors (the
 *       memory itself left out, so a lone memory does not agree with itself); 0.5 without a
 *       vector or without neighbours.
 * </ul>
 *
 * <p>Threading: changed by the index's single writer; read from any thread. Tallies are updated
 * atomically per source; the centroid is published as an immutable snapshot after each batch.
 */
public final class NamespaceTrust {
  /** Outcomes of one source's memories. */
  public record SourceRecord(String source, long successes, long failures) {
    /** Beta(2, 1) prior: {@code alpha = 2 + successes}. */
    public double alpha() {
      return 2 + successes;
    }

    public double beta() {
      return 1 + failures;
    }

    /** Whether any outcome has been seen. */
    public boolean seen() {
      return successes + failures > 0;
    }

    public double reputation() {
      return seen() ? alpha() / (alpha() + beta()) : 0.5;
    }

    /** {@code [low, high]} of the 95% interval. */
    public double[] interval() {
      if (!seen()) {
        return new double[] {0.2, 0.8};
      }
      double p = reputation();
      double half = 1.96 * Math.sqrt(p * (1 - p) / (alpha() + beta()));
      return new double[] {Math.max(0, p - half), Math.min(1, p + half)};
    }
  }

  private record Tally(long successes, long failures) {
    Tally plus(Tally o, int sign) {
      return new Tally(successes + sign * o.successes, failures + sign * o.failures);
    }
  }

  private record Centroid(float[] sum, int count, double normSquared) {}

  private final ConcurrentHashMap<String, Tally> sources = new ConcurrentHashMap<>();
  private final double[] sum;
  private int count;
  private volatile Centroid centroid;

  NamespaceTrust(int dimensions) {
    this.sum = new double[Math.max(0, dimensions)];
    this.centroid = new Centroid(new float[sum.length], 0, 0);
  }

  /** The source a memory's outcomes are credited to. */
  public static String sourceOf(Memory m) {
    if (m.sourceKey() != null && !m.sourceKey().isBlank()) {
      return m.sourceKey();
    }
    return m.agent() != null ? "agent:" + m.agent() : "manual";
  }

  private static Tally outcomes(Memory m) {
    return new Tally(m.confirmCount() + Math.max(0, m.evidenceCount() - 1),
        m.rejectCount() + m.supersedeCount());
  }

  // ------------------------------------------------------------------ writes (index writer)

  /** A memory was added ({@code previous == null}), changed, or removed ({@code now == null}). */
  void memoryChanged(Memory previous, Memory now) {
    if (previous != null) {
      credit(sourceOf(previous), outcomes(previous), -1);
    }
    if (now != null) {
      credit(sourceOf(now), outcomes(now), 1);
    }
  }

  private void credit(String source, Tally t, int sign) {
    if (t.successes() == 0 && t.failures() == 0) {
      return;
    }
    sources.compute(source, (s, old) -> {
      Tally next = (old == null ? new Tally(0, 0) : old).plus(t, sign);
      return next.successes() == 0 && next.failures() == 0 ? null : next;
    });
  }

  /** A vector stopped ({@code removed}) and/or started ({@code added}) counting; either may be
   * null. */
  void vectorChanged(float[] removed, float[] added) {
    if (removed != null) {
      addTo(removed, -1);
    }
    if (added != null) {
      addTo(added, 1);
    }
  }

  private void addTo(float[] v, int sign) {
    if (v.length != sum.length) {
      return;
    }
    for (int i = 0; i < v.length; i++) {
      sum[i] += sign * (double) v[i];
    }
    count += sign;
  }

  void clear() {
    sources.clear();
    java.util.Arrays.fill(sum, 0);
    count = 0;
    publish();
  }

  /** Makes the centroid's changes visible to readers (after each batch of ops). */
  void publish() {
    float[] snapshot = new float[sum.length];
    double norm = 0;
    for (int i = 0; i < sum.length; i++) {
      snapshot[i] = (float) sum[i];
      norm += sum[i] * sum[i];
    }
    centroid = new Centroid(snapshot, Math.max(0, count), norm);
  }

  // ------------------------------------------------------------------ reads (any thread)

  /** The evidence for one memory of this namespace. */
  TrustEvidence evidence(Memory m, VectorIndex vectors) {
    SourceRecord source = record(sourceOf(m));
    double[] ci = source.interval();
    return new TrustEvidence(source.reputation(), ci[0], ci[1], coherence(m, vectors));
  }

  private double coherence(Memory m, VectorIndex vectors) {
    Centroid c = centroid;
    if (vectors == null || c.count() == 0) {
      return 0.5;
    }
    double vs = vectors.dot(m.id(), c.sum());
    if (Double.isNaN(vs)) {
      return 0.5;
    }
    // Leave the memory itself out: rest = sum - v, with |v| = 1.
    boolean counted = !m.archived();
    int others = counted ? c.count() - 1 : c.count();
    double dot = counted ? vs - 1 : vs;
    double restSquared = counted ? c.normSquared() - 2 * vs + 1 : c.normSquared();
    if (others < 1 || restSquared <= 1e-9) {
      return 0.5;
    }
    double cos = Math.max(-1, Math.min(1, dot / Math.sqrt(restSquared)));
    return (cos + 1) / 2;
  }

  /** The outcomes of one source (zero for one never seen). */
  public SourceRecord record(String source) {
    Tally t = sources.get(source);
    return t == null ? new SourceRecord(source, 0, 0)
        : new SourceRecord(source, t.successes(), t.failures());
  }

  /** Every source with at least one outcome, for operator views. */
  public List<SourceRecord> sources() {
    List<SourceRecord> out = new ArrayList<>();
    for (Map.Entry<String, Tally> e : sources.entrySet()) {
      out.add(new SourceRecord(e.getKey(), e.getValue().successes(), e.getValue().failures()));
    }
    out.sort(java.util.Comparator.comparing(SourceRecord::source));
    return out;
  }

  /** Memories whose vectors make up the centroid (for tests and stats). */
  int centroidCount() {
    return centroid.count();
  }
}
