package com.memoryoss.shard.internal;

import com.memoryoss.protocol.NamespaceCommand;
import com.memoryoss.protocol.NamespaceReply;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/** Completions of a namespace entity's own I/O, sent to itself. Never serialized. */
public sealed interface SelfMessage extends NamespaceCommand.Internal, NoSerializationVerificationNeeded {

  /** The keys of the in-flight group commit are durable (or failed to be). */
  record KeysWritten(Throwable failure) implements SelfMessage {}

  /** The index stage applied a batch of ops and embedded these memories (or failed). */
  record Indexed(List<com.memoryoss.indexer.NamespaceIndex.NewEmbedding> embedded,
      Throwable failure) implements SelfMessage {}

  /** The nearest memories of each fact of a learn were found (or failed to be). */
  record LearnProbed(com.memoryoss.protocol.NamespaceCommand.Learn learn,
      List<List<com.memoryoss.indexer.vector.VectorHit>> nearest, Throwable failure)
      implements SelfMessage {}

  /** Clusters of near-duplicates for a consolidation were found (or failed to be). */
  record Clustered(com.memoryoss.protocol.NamespaceCommand.Consolidate consolidate,
      List<List<UUID>> clusters, Throwable failure) implements SelfMessage {}

  /** A re-embedding with a new model finished (or failed). */
  record MigrationEmbedded(List<com.memoryoss.indexer.NamespaceIndex.NewEmbedding> embedded,
      Throwable failure) implements SelfMessage {}

  /** Keys of forgotten memories were deleted (or failed to be). */
  record KeysShredded(List<UUID> ids, int deleted,
      ActorRef<StatusReply<NamespaceReply.Forgotten>> replyTo,
      Throwable failure) implements SelfMessage {}

  /** Orphaned keys (forgotten but not yet shredded, or never journaled) were deleted. */
  record OrphansSwept(List<UUID> ids, Throwable failure) implements SelfMessage {}

  /** Time for the background decay sweep. */
  record DecayTick() implements SelfMessage {}
}
