package com.memoryoss.indexer;

import com.memoryoss.indexer.vector.VectorHit;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryFilter;
import com.memoryoss.protocol.RecallQuery;
import com.memoryoss.protocol.RecallWeights;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Hybrid ranking over a namespace's indexes. Three retrieval channels propose candidates — dense
 * vectors (cosine), BM25 over content, tags and session context, and literal identifiers weighted
 * by rarity — and every candidate is scored on all of them. Each channel is min-max normalised
 * over the candidates, the channels are fused with weights (normalised over the channels that
 * are active for this query), and the result is scaled by status, trust and an absolute relevance
 * factor, so that a query nothing matches well does not produce confident-looking scores.
 *
 * <p>Pure and thread-safe; one scoring path whatever the namespace's size.
 */
public final class FusionRanker {
  private static final Pattern TIME_CUE = Pattern.compile(
      "\\b(latest|recent|recently|lately|newest|current|currently|now|nowadays|today"
          + "|yesterday|tonight|these days|this (week|month|morning|year|sprint)"
          // "last" only with a time: "last week" is a time cue, "last name" is not.
          + "|last (week|month|year|night|time|session|sprint|release|days?|few \\w+))\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_'-]+");

  private final RecallSettings settings;
  private final TrustScorer trust;
  private final QueryEmbeddingCache queryCache;

  public FusionRanker(RecallSettings settings, TrustScorer trust, QueryEmbeddingCache cache) {
    this.settings = settings;
    this.trust = trust;
    this.queryCache = cache;
  }

  /**
   * The dense channel is min-max normalised over the candidates within this rank of some
   * channel (not over however many candidates a deeper page asked for), so a memory scores the
   * same on every page.
   */
  public static final int REFERENCE_DEPTH = 200;

  /**
   * Scores are multiples of 1/SCORE_GRID: a cursor carries a score with 16 decimals, so two
   * scores that differ below that would compare equal there but not in the ranking.
   */
  public static final double SCORE_GRID = 1e12;

  /** Candidates best first (filtered, gated by {@code min_channel_score}), at most depth. */
  public List<Ranked> rank(RecallQuery q, NamespaceIndex index, Instant now, int depth) {
    MemoryFilter filter = q.filter();
    Predicate<UUID> accept = id -> {
      Memory m = index.memory(id);
      return m != null && !m.archived() && filter.matches(m);
    };
    Map<UUID, double[]> raw = new LinkedHashMap<>();
    Map<UUID, List<String>> provenance = new HashMap<>();

    float[] qv = queryVector(q, index);
    // Candidates within REFERENCE_DEPTH of some channel: the same set whatever the depth.
    Set<UUID> reference = new java.util.HashSet<>();
    if (qv != null) {
      List<VectorHit> hits = index.vectors().search(qv, depth, accept);
      for (int i = 0; i < hits.size(); i++) {
        VectorHit h = hits.get(i);
        raw.computeIfAbsent(h.id(), k -> new double[3])[0] = h.similarity();
        provenance.computeIfAbsent(h.id(), k -> new ArrayList<>()).add("vector");
        if (i < REFERENCE_DEPTH) {
          reference.add(h.id());
        }
      }
    }
    List<TextIndex.Hit> textHits = index.text().search(q.query(), filter, depth);
    for (int i = 0; i < textHits.size(); i++) {
      TextIndex.Hit h = textHits.get(i);
      raw.computeIfAbsent(h.id(), k -> new double[3])[1] = h.score();
      provenance.computeIfAbsent(h.id(), k -> new ArrayList<>()).add("fts");
      if (i < REFERENCE_DEPTH) {
        reference.add(h.id());
      }
    }
    Set<String> idents = Identifiers.of(q.query());
    List<TextIndex.Hit> exactHits = index.text().identifierSearch(idents, filter, depth);
    for (int i = 0; i < exactHits.size(); i++) {
      TextIndex.Hit h = exactHits.get(i);
      raw.computeIfAbsent(h.id(), k -> new double[3])[2] = h.score();
      provenance.computeIfAbsent(h.id(), k -> new ArrayList<>()).add("exact");
      if (i < REFERENCE_DEPTH) {
        reference.add(h.id());
      }
    }
    if (raw.isEmpty()) {
      return List.of();
    }
    double vectorFloor = Double.NaN;
    if (qv != null) {
      // Score every candidate on the dense channel, not only the ones it proposed.
      for (Map.Entry<UUID, double[]> e : raw.entrySet()) {
        float[] v = index.vectors().vector(e.getKey());
        if (v != null && e.getValue()[0] == 0) {
          e.getValue()[0] = dot(qv, v);
        }
        if (reference.contains(e.getKey())) {
          vectorFloor = Double.isNaN(vectorFloor) ? e.getValue()[0]
              : Math.min(vectorFloor, e.getValue()[0]);
        }
      }
    }
    return fuse(q, index, now, raw, provenance, qv != null, vectorFloor, !idents.isEmpty());
  }

  private List<Ranked> fuse(RecallQuery q, NamespaceIndex index, Instant now,
      Map<UUID, double[]> raw, Map<UUID, List<String>> provenance, boolean dense,
      double vectorFloor, boolean hasIdents) {
    double[] max = new double[3];
    double minVector = Double.MAX_VALUE;
    for (double[] r : raw.values()) {
      for (int c = 0; c < 3; c++) {
        max[c] = Math.max(max[c], r[c]);
      }
      minVector = Math.min(minVector, r[0]);
    }
    if (!Double.isNaN(vectorFloor)) {
      // The same reference whatever the depth asked for, so a memory scores the same on every
      // page of a recall (and cursors stay valid).
      minVector = vectorFloor;
    }
    RecallWeights w = q.weights() == null ? settings.weights()
        : q.weights().orElse(settings.weights());
    boolean explicitRecency = q.weights() != null && q.weights().recency() != null;
    double wRecency = explicitRecency || TIME_CUE.matcher(q.query()).find() ? w.recency() : 0;
    double wVector = dense ? w.vector() : 0;
    double wFts = max[1] > 0 ? w.fts() : 0;
    double wExact = hasIdents && max[2] > 0 ? w.exact() : 0;
    double total = wVector + wFts + wExact + wRecency;
    if (total <= 0) {
      wFts = 1;
      total = 1;
    }
    Set<String> named = namedAgents(q.query(), index.agents());
    double minChannel = q.minChannelScore();
    List<Ranked> out = new ArrayList<>(raw.size());
    for (Map.Entry<UUID, double[]> e : raw.entrySet()) {
      Memory m = index.memory(e.getKey());
      if (m == null || m.archived() || !q.filter().matches(m)) {
        continue;
      }
      double[] r = e.getValue();
      double nv = dense ? Math.max(0, minMax(r[0], minVector, max[0])) : 0;
      double nf = max[1] > 0 ? r[1] / max[1] : 0;
      double ne = r[2];
      double maxChannel = Math.max(nv, Math.max(nf, ne));
      if (minChannel > 0 && maxChannel < minChannel) {
        continue;
      }
      double recency = TrustScorer.recency(m.createdAt(), now);
      double base = (wVector * nv + wFts * nf + wExact * ne + wRecency * recency) / total;
      double agent = m.agent() != null && named.contains(m.agent().toLowerCase(Locale.ROOT))
          ? settings.agentBoost() : 0;
      double relevance = relevance(r, dense, index, hasIdents);
      TrustScorer.Assessment assessed = trust.assess(m, now, index.trustEvidence(m));
      double t = assessed.score();
      double trustMultiplier = 0.6 + 0.4 * t;
      double score = Math.min(1, (base + agent) * (0.5 + 0.5 * relevance))
          * m.status().rankFactor() * trustMultiplier;
      score = Math.rint(score * SCORE_GRID) / SCORE_GRID;
      if (score <= 0) {
        continue; // no channel sees anything of the query in it
      }
      out.add(new Ranked(m, score, List.copyOf(provenance.getOrDefault(e.getKey(), List.of())), t,
          new Ranked.Breakdown(new Ranked.Channels(r[0], r[1], r[2]),
              new Ranked.Channels(nv, nf, ne), maxChannel, base, recency, agent, relevance,
              m.status().rankFactor(), trustMultiplier, assessed)));
    }
    out.sort(Comparator.comparingDouble(Ranked::score).reversed()
        .thenComparing(r -> r.memory().id(), Comparator.reverseOrder()));
    return out;
  }

  /**
   * How well the best channel matches in absolute terms, in [0, 1]: dense similarity above the
   * model's "unrelated" level, the share of rare identifiers matched, or a strong BM25 score.
   */
  private static double relevance(double[] r, boolean dense, NamespaceIndex index,
      boolean hasIdents) {
    double v = 0;
    if (dense) {
      double[] band = ModelCalibration.band(index.embedder().modelId());
      v = Math.max(0, Math.min(1, (r[0] - band[0]) / (band[1] - band[0])));
    }
    double f = Math.min(1, r[1] / 12.0);
    double e = hasIdents ? r[2] : 0;
    return Math.max(v, Math.max(f, e));
  }

  private float[] queryVector(RecallQuery q, NamespaceIndex index) {
    if (index.embedder() == null) {
      return null;
    }
    if (q.queryEmbedding() != null
        && q.queryEmbedding().size() == index.embedder().dimensions()) {
      float[] v = new float[q.queryEmbedding().size()];
      double norm = 0;
      for (int i = 0; i < v.length; i++) {
        v[i] = q.queryEmbedding().get(i);
        norm += v[i] * v[i];
      }
      norm = Math.sqrt(norm);
      if (norm > 0) {
        for (int i = 0; i < v.length; i++) {
          v[i] /= (float) norm;
        }
        return v;
      }
    }
    return queryCache.embed(index.embedder(), q.query());
  }

  private static Set<String> namedAgents(String query, Set<String> agents) {
    if (agents.isEmpty()) {
      return Set.of();
    }
    Set<String> words = new java.util.HashSet<>();
    var m = WORD.matcher(query.toLowerCase(Locale.ROOT));
    while (m.find()) {
      words.add(m.group().replaceAll("'s$", ""));
    }
    Set<String> named = new java.util.HashSet<>();
    for (String a : agents) {
      String la = a.toLowerCase(Locale.ROOT);
      if (words.contains(la) || (la.contains(" ") && query.toLowerCase(Locale.ROOT).contains(la))) {
        named.add(la);
      }
    }
    // Naming every agent distinguishes none of them.
    return named.size() == agents.size() && agents.size() > 1 ? Set.of() : named;
  }

  private static double minMax(double v, double min, double max) {
    if (max <= min) {
      return v > 0 ? 1 : 0;
    }
    return Math.max(0, (v - min) / (max - min));
  }

  static double dot(float[] a, float[] b) {
    return org.apache.lucene.util.VectorUtil.dotProduct(a, b);
  }
}
