package com.memoryoss.shard;

import com.memoryoss.protocol.FactSpec;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryStatus;
import com.memoryoss.protocol.MemoryType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * How memories change as evidence arrives: pure functions from a memory (and the evidence) to
 * the memory afterwards. The entity persists the results as {@code MemoryRevised} events.
 */
final class Learning {
  /** Confidence of a freshly extracted fact: quarantined, never injected. */
  static final double CANDIDATE_CONFIDENCE = 0.2;
  /** Extracted facts whose nearest memory is at least this similar reinforce it. */
  static final double REINFORCE_SIMILARITY = 0.92;
  /** Pairs at least this similar are checked for contradiction. */
  static final double RELATED_SIMILARITY = 0.80;
  private static final int MAX_SOURCES = 20;

  private Learning() {}

  /** A new quarantined candidate from extraction. */
  static Memory candidate(Memory created, String evidenceId) {
    Memory.Builder b = created.toBuilder();
    b.evidenceSources = List.of(evidenceId);
    return b.build();
  }

  static FactSpec tagged(FactSpec f) {
    Set<String> tags = new LinkedHashSet<>(f.tags());
    tags.add("proxy-extracted");
    return new FactSpec(f.content(), List.copyOf(tags));
  }

  /**
   * One more piece of independent evidence: evidence count and confidence go up; a candidate
   * seen in a second, different exchange becomes active. Evidence already counted returns
   * {@code null} (a replay proves nothing).
   */
  static Memory reinforce(Memory m, String evidenceId, Instant at) {
    List<String> sources = m.evidenceSources() == null ? List.of() : m.evidenceSources();
    if (sources.contains(evidenceId)) {
      return null;
    }
    Memory.Builder b = m.toBuilder();
    List<String> next = new ArrayList<>(sources);
    next.add(evidenceId);
    b.evidenceSources = next.size() > MAX_SOURCES ? next.subList(next.size() - MAX_SOURCES,
        next.size()) : next;
    b.evidenceCount = m.evidenceCount() + 1;
    b.lastVerifiedAt = at;
    b.updatedAt = at;
    b.version = m.version() + 1;
    if (m.confidence() != null) {
      b.confidence = Math.min(1.0, m.confidence() + 0.35);
    }
    if ((m.status() == MemoryStatus.CANDIDATE || m.status() == MemoryStatus.CONTESTED)
        && m.supersededBy() == null && next.size() >= 2) {
      b.status = MemoryStatus.ACTIVE;
    }
    return b.build();
  }

  /** The older memory is no longer true as of {@code at}: kept for history, never injected. */
  static Memory superseded(Memory old, UUID by, Instant at) {
    Memory.Builder b = old.toBuilder();
    b.status = MemoryStatus.STALE;
    b.supersededBy = by;
    b.supersededAt = at;
    b.supersedeCount = old.supersedeCount() + 1;
    b.lastOutcomeAt = at;
    b.updatedAt = at;
    b.version = old.version() + 1;
    return b.build();
  }

  static Memory contradicting(Memory fresh, UUID older) {
    Memory.Builder b = fresh.toBuilder();
    List<UUID> c = new ArrayList<>(fresh.contradictsWith() == null ? List.of()
        : fresh.contradictsWith());
    c.add(older);
    b.contradictsWith = c;
    return b.build();
  }

  /** Feedback: {@code confirm} activates, {@code reject} retires; supersede is separate. */
  static Memory feedback(Memory m, String action, Instant at) {
    Memory.Builder b = m.toBuilder();
    b.lastOutcomeAt = at;
    b.updatedAt = at;
    b.version = m.version() + 1;
    switch (action) {
      case "confirm" -> {
        b.confirmCount = m.confirmCount() + 1;
        b.lastVerifiedAt = at;
        if (m.confidence() != null) {
          b.confidence = Math.max(m.confidence(), 0.9);
        }
        if (m.supersededBy() == null) {
          b.status = MemoryStatus.ACTIVE;
        }
      }
      case "reject" -> {
        b.rejectCount = m.rejectCount() + 1;
        b.status = MemoryStatus.STALE;
        if (m.confidence() != null) {
          b.confidence = m.confidence() * 0.5;
        }
      }
      default -> throw new IllegalArgumentException(action);
    }
    return b.build();
  }

  /**
   * The survivor of a consolidation: the kept memory with the others' distinct sentences, their
   * tags, evidence and lineage. It stays what it was (active, not archived).
   */
  static Memory merged(Memory kept, List<Memory> others, String fusedHash, String fused,
      Instant at) {
    Memory.Builder b = kept.toBuilder();
    Set<String> tags = new LinkedHashSet<>(kept.tags());
    List<UUID> lineage = new ArrayList<>(kept.derivedFrom() == null ? List.of()
        : kept.derivedFrom());
    int evidence = kept.evidenceCount();
    for (Memory o : others) {
      tags.addAll(o.tags());
      lineage.add(o.id());
      evidence += o.evidenceCount();
    }
    b.tags = tags.size() > 50 ? List.copyOf(tags).subList(0, 50) : List.copyOf(tags);
    b.derivedFrom = lineage;
    b.evidenceCount = evidence;
    b.content = fused;
    b.contentHash = fusedHash;
    b.updatedAt = at;
    b.version = kept.version() + 1;
    return b.build();
  }

  /** A member folded into a survivor: archived, pointing at it. */
  static Memory archivedInto(Memory m, UUID survivor, Instant at) {
    Memory.Builder b = superseded(m, survivor, at).toBuilder();
    b.archived = true;
    return b.build();
  }

  /** The kept member: best status, then confidence, then most recent, then longest. */
  static int rank(Memory a, Memory b) {
    int c = Double.compare(b.status().rankFactor(), a.status().rankFactor());
    if (c != 0) {
      return c;
    }
    c = Double.compare(b.confidence() == null ? 1 : b.confidence(),
        a.confidence() == null ? 1 : a.confidence());
    if (c != 0) {
      return c;
    }
    c = b.updatedAt().compareTo(a.updatedAt());
    return c != 0 ? c : Integer.compare(b.content().length(), a.content().length());
  }

  /** The kept content plus the other members' sentences it does not already hold (≤ 32 KiB). */
  static String fuse(Memory kept, List<Memory> others) {
    StringBuilder sb = new StringBuilder(kept.content().strip());
    String lower = kept.content().toLowerCase(java.util.Locale.ROOT);
    for (Memory o : others) {
      for (String sentence : o.content().split("(?<=[.!?])\\s+|\\n+")) {
        String s = sentence.strip();
        if (!s.isEmpty() && !lower.contains(s.toLowerCase(java.util.Locale.ROOT))
            && sb.length() + s.length() + 1 < 32_000) {
          sb.append(sb.charAt(sb.length() - 1) == '.' ? " " : ". ").append(s);
          lower = sb.toString().toLowerCase(java.util.Locale.ROOT);
        }
      }
    }
    return sb.toString();
  }

  static MemoryType typeOf(String source) {
    return MemoryType.SEMANTIC;
  }
}
