package com.memoryoss.protocol;

import java.util.List;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a namespace entity can be asked. Every command is answered with exactly one
 * {@link NamespaceReply}; refusals are {@link NamespaceReply.Rejected} replies, never exceptions.
 *
 * <p>Commands other than {@link Internal} ones cross the cluster and are serialized with Jackson
 * CBOR.
 */
public sealed interface NamespaceCommand {

  /** Store one memory. Replies {@link NamespaceReply.Stored} once it is durable. */
  record Store(StoreSpec spec, ActorRef<NamespaceReply> replyTo)
      implements NamespaceCommand, CborSerializable {}

  /** Store all of these memories or none. Replies {@link NamespaceReply.Stored}. */
  record StoreBatch(List<StoreSpec> specs, ActorRef<NamespaceReply> replyTo)
      implements NamespaceCommand, CborSerializable {}

  /** Rank memories for a query. Replies {@link NamespaceReply.Recalled}. */
  record Recall(RecallQuery query, ActorRef<NamespaceReply> replyTo)
      implements NamespaceCommand, CborSerializable {}

  /** Rank like a recall and explain it. Replies {@link NamespaceReply.Explained}. */
  record Explain(RecallQuery query, ActorRef<NamespaceReply> replyTo)
      implements NamespaceCommand, CborSerializable {}

  /** Change content, tags or type. Replies {@link NamespaceReply.Updated}. */
  record Update(UpdateSpec spec, ActorRef<NamespaceReply> replyTo)
      implements NamespaceCommand, CborSerializable {}

  /**
   * Forget by ids or by a non-empty filter. Replies {@link NamespaceReply.Forgotten} once no
   * readable copy of the content remains. Idempotent.
   */
  record Forget(ForgetSpec spec, String requestedBy, ActorRef<NamespaceReply> replyTo)
      implements NamespaceCommand, CborSerializable {}

  /**
   * Reconcile extracted facts with the namespace: reinforce near-duplicates, supersede what they
   * contradict, store the rest as candidates. Replies {@link NamespaceReply.Learned}.
   *
   * @param evidenceId the exchange the facts came from; it counts once per memory
   */
  record Learn(List<FactSpec> facts, String source, String evidenceId,
      ActorRef<NamespaceReply> replyTo) implements NamespaceCommand, CborSerializable {}

  /**
   * Confirm, reject or supersede a memory. Replies {@link NamespaceReply.Updated}.
   *
   * @param action {@code confirm}, {@code reject} or {@code supersede}
   */
  record Feedback(UUID id, String action, UUID supersededBy, ActorRef<NamespaceReply> replyTo)
      implements NamespaceCommand, CborSerializable {}

  /**
   * Re-embed every memory with another model and switch the namespace to it once all are done
   * (the namespace never mixes models). Replies {@link NamespaceReply.Stats} when it starts;
   * progress shows in the stats.
   */
  record MigrateEmbeddings(String model, ActorRef<NamespaceReply> replyTo)
      implements NamespaceCommand, CborSerializable {}

  /** Merge clusters of near-duplicates. Replies {@link NamespaceReply.Consolidated}. */
  record Consolidate(double threshold, int maxClusters, boolean dryRun,
      ActorRef<NamespaceReply> replyTo) implements NamespaceCommand, CborSerializable {}

  /**
   * Run the age-based lifecycle sweep: idle memories with nothing speaking for them become
   * stale, idle stale or contested ones are archived; {@code afterDays} null means the
   * configured {@code [decay] after_days}. Replies {@link NamespaceReply.Decayed}.
   */
  record Decay(Integer afterDays, boolean dryRun, ActorRef<NamespaceReply> replyTo)
      implements NamespaceCommand, CborSerializable {}

  /**
   * The proxy injected these memories into a prompt: count it (it resets their idleness and
   * feeds decay's "injected but never useful" rule). Replies
   * {@link NamespaceReply.InjectionsRecorded}.
   */
  record RecordInjections(List<UUID> ids, ActorRef<NamespaceReply> replyTo)
      implements NamespaceCommand, CborSerializable {}

  /** Read one memory. Replies {@link NamespaceReply.Found}. */
  record Get(UUID id, ActorRef<NamespaceReply> replyTo)
      implements NamespaceCommand, CborSerializable {}

  /** One page of memories, newest first. Replies {@link NamespaceReply.Listed}. */
  record ListMemories(ListSpec spec, ActorRef<NamespaceReply> replyTo)
      implements NamespaceCommand, CborSerializable {}

  /** Every non-archived memory. Replies {@link NamespaceReply.Exported}. */
  record Export(ActorRef<NamespaceReply> replyTo) implements NamespaceCommand, CborSerializable {}

  /** Counts and index state. Replies {@link NamespaceReply.Stats}. */
  record GetStats(ActorRef<NamespaceReply> replyTo)
      implements NamespaceCommand, CborSerializable {}

  /**
   * Messages an entity sends itself (completions of its own I/O). They never leave the JVM and are
   * defined by the entity's module.
   */
  non-sealed interface Internal extends NamespaceCommand {}
}
