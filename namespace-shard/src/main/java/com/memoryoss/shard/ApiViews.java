package com.memoryoss.shard;

import com.memoryoss.indexer.QueryEmbeddingCache;
import com.memoryoss.indexer.TrustScorer;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryStatus;
import com.memoryoss.protocol.NamespaceReply;
import com.memoryoss.protocol.api.ExportResponse;
import com.memoryoss.protocol.api.FeedbackResponse;
import com.memoryoss.protocol.api.IndexHealthResponse;
import com.memoryoss.protocol.api.InspectResponse;
import com.memoryoss.protocol.api.PeekResponse;
import com.memoryoss.protocol.TrustEvidence;
import com.memoryoss.protocol.TrustSignals;
import com.memoryoss.protocol.api.UpdateResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the HTTP API's response records from a namespace's domain results, for the views that
 * need more than a copy (trust breakdown, review state, index health). Pure apart from the clock.
 */
final class ApiViews {
  private final TrustScorer trust;
  private final Clock clock;
  private final QueryEmbeddingCache queryCache;

  ApiViews(TrustScorer trust, Clock clock, QueryEmbeddingCache queryCache) {
    this.trust = trust;
    this.clock = clock;
    this.queryCache = queryCache;
  }

  static UpdateResponse updated(Memory m) {
    return new UpdateResponse(m.id(), m.version(), m.updatedAt(), m.status(),
        m.eligibleForInjection(), m.contradictsWith());
  }

  static FeedbackResponse feedback(Memory m) {
    return new FeedbackResponse(m.id(), m.status(), m.confidence(), m.evidenceCount(),
        m.lastVerifiedAt(), m.supersededBy(), m.contradictsWith(), m.injectionCount(),
        m.reuseCount(), m.confirmCount(), m.rejectCount(), m.supersedeCount());
  }

  static PeekResponse peek(Memory m) {
    return new PeekResponse(m.id(), m.agent(), m.session(), m.namespace(), m.tags(),
        m.memoryType(), m.createdAt(), m.updatedAt(), m.contentBytes());
  }

  ExportResponse export(String namespace, List<Memory> memories) {
    List<ExportResponse.ExportedMemory> out = new ArrayList<>(memories.size());
    for (Memory m : memories) {
      out.add(new ExportResponse.ExportedMemory(m.id(), m.content(), m.tags(), m.agent(),
          m.session(), m.namespace(), m.memoryType(), m.status(), m.version(), m.createdAt(),
          m.updatedAt(), m.sourceKey(), m.contentHash(), m.confidence(), m.evidenceCount(),
          m.lastVerifiedAt(), m.supersededBy(), m.derivedFrom()));
    }
    return new ExportResponse(ExportResponse.RuntimeContract.CURRENT, namespace, clock.instant(),
        out.size(), out);
  }

  IndexHealthResponse indexHealth(String namespace, NamespaceReply.Stats s) {
    long[] c = queryCache.stats();
    String status = s.indexLag() == 0 ? "healthy" : s.indexLag() < 100 ? "catching_up" : "behind";
    return new IndexHealthResponse(namespace, status, s.indexLag(), s.written(), s.applied(),
        s.applied(), s.memories(), s.model(), s.vectors(), s.embedded(),
        new IndexHealthResponse.EmbeddingCache(c[0], c[1], c[2], c[3]),
        s.migration() == null ? null : new IndexHealthResponse.Migration(
            s.migration().model(), s.migration().done(), s.migration().total()));
  }

  InspectResponse inspection(Memory m, boolean embedded, TrustEvidence evidence) {
    Instant now = clock.instant();
    TrustScorer.Assessment assessed = trust.assess(m, now, evidence);
    TrustSignals signals = assessed.signals();
    double score = assessed.score();
    double ageHours = Duration.between(m.createdAt(), now).toMillis() / 3_600_000.0;
    String queue = reviewQueue(m);
    String action = switch (queue == null ? "none" : queue) {
      case "candidate", "none" -> "confirm";
      default -> m.contradictsWith() != null || m.supersededBy() != null ? "supersede" : "reject";
    };
    int contradictions = m.contradictsWith() == null ? 0 : m.contradictsWith().size();
    return new InspectResponse(m, contradictions, embedded, score, assessed.low(), assessed.high(),
        signals,
        trust.isLow(score), ageHours, m.eligibleForInjection(), queue, action);
  }

  private static String reviewQueue(Memory m) {
    if (m.archived()) {
      return null;
    }
    if (m.rejectCount() > 0 && m.status() != MemoryStatus.ACTIVE) {
      return "rejected";
    }
    return switch (m.status()) {
      case CANDIDATE -> "candidate";
      case CONTESTED -> "contested";
      default -> null;
    };
  }
}
