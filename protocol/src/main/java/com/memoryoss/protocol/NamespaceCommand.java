package com.memoryoss.protocol;

import com.memoryoss.protocol.NamespaceReply.Consolidated;
import com.memoryoss.protocol.NamespaceReply.Decayed;
import com.memoryoss.protocol.NamespaceReply.Explained;
import com.memoryoss.protocol.NamespaceReply.Exported;
import com.memoryoss.protocol.NamespaceReply.Forgotten;
import com.memoryoss.protocol.NamespaceReply.Found;
import com.memoryoss.protocol.NamespaceReply.InjectionsRecorded;
import com.memoryoss.protocol.NamespaceReply.Learned;
import com.memoryoss.protocol.NamespaceReply.Listed;
import com.memoryoss.protocol.NamespaceReply.Recalled;
import com.memoryoss.protocol.NamespaceReply.Stats;
import com.memoryoss.protocol.NamespaceReply.Stored;
import com.memoryoss.protocol.NamespaceReply.Updated;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * What a namespace entity can be asked. Every {@link Ask} is answered with exactly one {@code
 * StatusReply}: {@code success} with the result type the command names, or {@code error} with a
 * {@link MemoryException} (a refusal; nothing changed). Commands are validated before they are
 * sent; the entity checks only what needs its state.
 *
 * <p>Commands other than {@link Internal} ones cross the cluster and are serialized with Jackson
 * CBOR (see {@link CborSerializable}).
 */
public sealed interface NamespaceCommand {

  /** A command answered with one {@code StatusReply<R>}. */
  sealed interface Ask<R extends NamespaceReply> extends NamespaceCommand, CborSerializable {
    ActorRef<StatusReply<R>> replyTo();
  }

  /** Store one memory. Replies {@link Stored} once it is durable. */
  record Store(StoreSpec spec, ActorRef<StatusReply<Stored>> replyTo)
      implements Ask<Stored> {}

  /** Store all of these memories or none. Replies {@link Stored}. */
  record StoreBatch(List<StoreSpec> specs, ActorRef<StatusReply<Stored>> replyTo)
      implements Ask<Stored> {}

  /** Rank memories for a query. Replies {@link Recalled}. */
  record Recall(RecallQuery query, ActorRef<StatusReply<Recalled>> replyTo)
      implements Ask<Recalled> {}

  /** Rank like a recall and explain it. Replies {@link Explained}. */
  record Explain(RecallQuery query, ActorRef<StatusReply<Explained>> replyTo)
      implements Ask<Explained> {}

  /** Change content, tags or type. Replies {@link Updated}. */
  record Update(UpdateSpec spec, ActorRef<StatusReply<Updated>> replyTo)
      implements Ask<Updated> {}

  /**
   * Forget by ids or by a non-empty filter. Replies {@link Forgotten} once no
   * readable copy of the content remains. Idempotent.
   */
  record Forget(ForgetSpec spec, String requestedBy, ActorRef<StatusReply<Forgotten>> replyTo)
      implements Ask<Forgotten> {}

  /**
   * Reconcile extracted facts with the namespace: reinforce near-duplicates, supersede what they
   * contradict, store the rest as candidates. Replies {@link Learned}.
   *
   * @param evidenceId the exchange the facts came from; it counts once per memory
   */
  record Learn(List<FactSpec> facts, String source, String evidenceId,
      ActorRef<StatusReply<Learned>> replyTo) implements Ask<Learned> {}

  /**
   * Confirm, reject or supersede a memory. Replies {@link Updated}.
   *
   * @param supersededBy for {@link FeedbackAction#SUPERSEDE}: the memory that replaces this one
   */
  record Feedback(UUID id, FeedbackAction action, UUID supersededBy,
      ActorRef<StatusReply<Updated>> replyTo) implements Ask<Updated> {}

  /**
   * Re-embed every memory with another model and switch the namespace to it once all are done
   * (the namespace never mixes models). Replies {@link Stats} when it starts;
   * progress shows in the stats.
   */
  record MigrateEmbeddings(String model, ActorRef<StatusReply<Stats>> replyTo)
      implements Ask<Stats> {}

  /** Merge clusters of near-duplicates. Replies {@link Consolidated}. */
  record Consolidate(double threshold, int maxClusters, boolean dryRun,
      ActorRef<StatusReply<Consolidated>> replyTo) implements Ask<Consolidated> {}

  /**
   * Run the age-based lifecycle sweep: idle memories with nothing speaking for them become
   * stale, idle stale or contested ones are archived; {@code afterDays} null means the
   * configured {@code [decay] after_days}. Replies {@link Decayed}.
   */
  record Decay(Integer afterDays, boolean dryRun, ActorRef<StatusReply<Decayed>> replyTo)
      implements Ask<Decayed> {}

  /**
   * The proxy injected these memories into a prompt: count it (it resets their idleness and
   * feeds decay's "injected but never useful" rule). Replies
   * {@link InjectionsRecorded}.
   */
  record RecordInjections(List<UUID> ids, ActorRef<StatusReply<InjectionsRecorded>> replyTo)
      implements Ask<InjectionsRecorded> {}

  /** Read one memory. Replies {@link Found}. */
  record Get(UUID id, ActorRef<StatusReply<Found>> replyTo)
      implements Ask<Found> {}

  /** One page of memories, newest first. Replies {@link Listed}. */
  record ListMemories(ListSpec spec, ActorRef<StatusReply<Listed>> replyTo)
      implements Ask<Listed> {}

  /** Every non-archived memory. Replies {@link Exported}. */
  record Export(ActorRef<StatusReply<Exported>> replyTo) implements Ask<Exported> {}

  /** Counts and index state. Replies {@link Stats}. */
  record GetStats(ActorRef<StatusReply<Stats>> replyTo)
      implements Ask<Stats> {}

  /**
   * Messages an entity sends itself (completions of its own I/O). They never leave the JVM and are
   * defined by the entity's module.
   */
  non-sealed interface Internal extends NamespaceCommand {}
}
