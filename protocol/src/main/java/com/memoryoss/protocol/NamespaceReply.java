package com.memoryoss.protocol;

import com.memoryoss.protocol.api.RecallResponse;
import com.memoryoss.protocol.api.StoreResponse;
import java.util.List;

/** Everything a namespace entity answers. */
public sealed interface NamespaceReply extends CborSerializable {

  /** Durably stored, in request order. */
  record Stored(List<StoreResponse> stored) implements NamespaceReply {}

  /** Ranked hits for a recall. */
  record Recalled(RecallResponse response) implements NamespaceReply {}

  /** A recall's ranking, explained. */
  record Explained(com.memoryoss.protocol.api.QueryExplainResponse explain)
      implements NamespaceReply {}

  /** The memory after an update. */
  record Updated(Memory memory) implements NamespaceReply {}

  /** How many memories a forget removed. */
  record Forgotten(int deleted) implements NamespaceReply {}

  /**
   * One memory, whether it has a current embedding, and (optional: {@code null} when the sender
   * did not compute it) what its namespace says about its trust.
   */
  record Found(Memory memory, boolean embedded,
      com.memoryoss.protocol.api.TrustEvidence evidence) implements NamespaceReply {
    public Found(Memory memory, boolean embedded) {
      this(memory, embedded, null);
    }
  }

  /** One page of a listing; {@code total} counts every match. */
  record Listed(List<Memory> memories, int total, String nextCursor) implements NamespaceReply {}

  /** All non-archived memories, oldest first. */
  record Exported(List<Memory> memories) implements NamespaceReply {}

  /**
   * Counts for health and admin views.
   *
   * @param indexLag acknowledged writes not yet searchable
   * @param written index writes submitted since the namespace started
   * @param applied index writes applied since the namespace started
   * @param model embedding model of the namespace's vectors ({@code none} for lexical only)
   * @param vectors vectors in the index
   * @param embedded memories with a persisted embedding of the model
   */
  record Stats(int memories, long indexLag, long written, long applied, String model, int vectors,
      int embedded, Migration migration) implements NamespaceReply {}

  /** A re-embedding in progress: target model, memories done, memories in all. */
  record Migration(String model, long done, long total) implements CborSerializable {}

  /** Outcome of a learn: memories created, reinforced (or promoted) and superseded. */
  record Learned(int created, int reinforced, int superseded) implements NamespaceReply {}

  /** Outcome of a decay sweep. */
  record Decayed(com.memoryoss.protocol.api.DecayResponse response) implements NamespaceReply {}

  /** Memories whose injection was recorded (unknown or archived ids are skipped). */
  record InjectionsRecorded(int memories) implements NamespaceReply {}

  /** Outcome of a consolidation. */
  record Consolidated(com.memoryoss.protocol.api.ConsolidateResponse response)
      implements NamespaceReply {}

  /** The command was refused; nothing changed. */
  record Rejected(Rejection reason, String message) implements NamespaceReply {}
}
