package com.memoryoss.protocol;

import java.util.List;
import java.util.UUID;

/**
 * What a namespace entity answers on success, inside {@code StatusReply.success}; a refusal is
 * {@code StatusReply.error(MemoryException)}. Each {@link NamespaceCommand.Ask} names the one
 * result type it is answered with, so a reply is never checked by type at run time.
 *
 * <p>Domain results only: the HTTP API's response records are built from these by the memory
 * service, never sent between nodes.
 */
public sealed interface NamespaceReply extends CborSerializable {

  /** Durably stored, in request order. */
  record Stored(List<Receipt> receipts) implements NamespaceReply {
    public Stored {
      receipts = List.copyOf(receipts);
    }
  }

  /** The id and version of one stored memory. */
  record Receipt(UUID id, long version) implements CborSerializable {}

  /** Ranked hits for a recall, best first; {@code nextCursor} when another page may follow. */
  record Recalled(List<RecallHit> hits, List<HitSummary> summaries, String nextCursor)
      implements NamespaceReply {
    public Recalled {
      hits = List.copyOf(hits);
      summaries = summaries == null ? List.of() : List.copyOf(summaries);
    }
  }

  /** A recall's ranking, explained. */
  record Explained(RecallExplanation explanation) implements NamespaceReply {}

  /** The memory after an update or a feedback. */
  record Updated(Memory memory) implements NamespaceReply {}

  /** How many memories a forget removed. */
  record Forgotten(int deleted) implements NamespaceReply {}

  /**
   * One memory, whether it has a current embedding, and (optional: {@code null} when the sender
   * did not compute it) what its namespace says about its trust.
   */
  record Found(Memory memory, boolean embedded,
      com.memoryoss.protocol.TrustEvidence evidence) implements NamespaceReply {
    public Found(Memory memory, boolean embedded) {
      this(memory, embedded, null);
    }
  }

  /** One page of a listing; {@code total} counts every match. */
  record Listed(List<Memory> memories, int total, String nextCursor) implements NamespaceReply {
    public Listed {
      memories = List.copyOf(memories);
    }
  }

  /** All non-archived memories, oldest first. */
  record Exported(List<Memory> memories) implements NamespaceReply {
    public Exported {
      memories = List.copyOf(memories);
    }
  }

  /**
   * Counts for health and admin views.
   *
   * @param indexLag acknowledged writes not yet searchable
   * @param written index writes submitted since the namespace started
   * @param applied index writes applied since the namespace started
   * @param model embedding model of the namespace's vectors ({@code none} for lexical only)
   * @param vectors vectors in the index
   * @param embedded memories with a persisted embedding of the model
   * @param migration a re-embedding in progress, or {@code null}
   */
  record Stats(int memories, long indexLag, long written, long applied, String model, int vectors,
      int embedded, Migration migration) implements NamespaceReply {}

  /** A re-embedding in progress: target model, memories done, memories in all. */
  record Migration(String model, long done, long total) implements CborSerializable {}

  /** Outcome of a learn: memories created, reinforced (or promoted) and superseded. */
  record Learned(int created, int reinforced, int superseded) implements NamespaceReply {}

  /**
   * Outcome of a decay sweep: memories examined (not archived), memories that became stale,
   * memories archived, and changes left for the next sweep.
   */
  record Decayed(int afterDays, int examined, int staled, int archived, int pending,
      boolean dryRun) implements NamespaceReply {}

  /** Memories whose injection was recorded (unknown or archived ids are skipped). */
  record InjectionsRecorded(int memories) implements NamespaceReply {}

  /**
   * Outcome of a consolidation: each group of near-duplicates, and the namespace's active
   * memories and duplicate rate before and after.
   */
  record Consolidated(List<MergedGroup> groups, int totalMerged, int derivedCreated,
      int activeBefore, int activeAfter, double duplicateRateBefore, double duplicateRateAfter,
      boolean dryRun) implements NamespaceReply {
    public Consolidated {
      groups = List.copyOf(groups);
    }
  }

  /**
   * One consolidated cluster: the member kept as the basis, the members merged, and the derived
   * memory that now stands for them ({@code null} in a dry run).
   */
  record MergedGroup(UUID kept, List<UUID> merged, double avgSimilarity, UUID derivedId,
      List<UUID> sourceIds) implements CborSerializable {}
}
