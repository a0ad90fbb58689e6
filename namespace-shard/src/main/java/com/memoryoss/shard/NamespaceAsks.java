package com.memoryoss.shard;

import com.memoryoss.protocol.MemoryException;
import com.memoryoss.protocol.NamespaceCommand;
import com.memoryoss.protocol.NamespaceProtocol;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.AskTimeoutException;
import org.apache.pekko.pattern.StatusReply;

/**
 * Asks namespace entities wherever they live, through cluster sharding, with status replies.
 *
 * <p>Failure modes: a refusal completes the stage with the entity's {@link MemoryException}. An
 * attempt that gets no answer within the attempt timeout (the namespace's node died and its shard
 * is not yet re-homed, or the namespace is recovering) is sent again until the deadline; commands
 * that are retried are idempotent on the entity's side (stores carry their memory ids, updates
 * and forgets converge). After the deadline the stage fails with {@link
 * com.memoryoss.protocol.Rejection#UNAVAILABLE} and a retry hint: the caller sees a 503 with
 * {@code retry_after_ms}, never a lost acknowledgement.
 */
final class NamespaceAsks {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      NamespaceAsks.class);

  private final ClusterSharding sharding;
  private final Duration attempt;
  private final Duration deadline;

  /**
   * @param attempt how long one attempt waits for its answer
   * @param deadline how long a request may take in all
   */
  NamespaceAsks(ClusterSharding sharding, Duration attempt, Duration deadline) {
    this.sharding = sharding;
    this.attempt = attempt;
    this.deadline = deadline;
  }

  /** Asks {@code entityId}, retrying unanswered attempts until the deadline. */
  <R> CompletionStage<R> retrying(String entityId,
      Function<ActorRef<StatusReply<R>>, NamespaceCommand> command) {
    return attempt(entityId, command, System.nanoTime() + deadline.toNanos(), 1);
  }

  /**
   * Asks {@code entityId} once, waiting up to the deadline: for long-running admin work that
   * should not be started twice.
   */
  <R> CompletionStage<R> once(String entityId,
      Function<ActorRef<StatusReply<R>>, NamespaceCommand> command) {
    return sharding.entityRefFor(NamespaceProtocol.ENTITY_TYPE_KEY, entityId)
        .<R>askWithStatus(command::apply, deadline)
        .exceptionally(failure -> {
          throw translate(failure);
        });
  }

  private <R> CompletionStage<R> attempt(String entityId,
      Function<ActorRef<StatusReply<R>>, NamespaceCommand> command, long deadlineNanos, int n) {
    long left = deadlineNanos - System.nanoTime();
    Duration wait = Duration.ofNanos(Math.max(1, Math.min(left, attempt.toNanos())));
    return sharding.entityRefFor(NamespaceProtocol.ENTITY_TYPE_KEY, entityId)
        .<R>askWithStatus(command::apply, wait)
        .handle((reply, failure) -> {
          if (failure == null) {
            return CompletableFuture.completedFuture(reply);
          }
          Throwable cause = unwrap(failure);
          if (isTimeout(cause) && System.nanoTime() < deadlineNanos - 50_000_000L) {
            if (n == 1) {
              LOG.info("namespace {} did not answer within {} ms; asking again", entityId,
                  wait.toMillis());
            }
            return this.<R>attempt(entityId, command, deadlineNanos, n + 1);
          }
          return CompletableFuture.<R>failedFuture(translate(cause));
        })
        .thenCompose(Function.identity());
  }

  private static RuntimeException translate(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof MemoryException m) {
      return m;
    }
    if (isTimeout(cause)) {
      return MemoryException.unavailable("memory core did not answer in time; retry", 1000);
    }
    return MemoryException.unavailable("memory core unavailable; retry", 1000);
  }

  private static boolean isTimeout(Throwable t) {
    return t instanceof AskTimeoutException || t instanceof TimeoutException;
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }
}
