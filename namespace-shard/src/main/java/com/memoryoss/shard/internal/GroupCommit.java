package com.memoryoss.shard.internal;

import com.memoryoss.protocol.Memory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The queue behind a namespace's group commit. Stores arriving while one commit is being written
 * wait here and are written together by the next one, so one journal round trip serves many
 * writers and a single-namespace write rate is bounded by the journal's batch rate, not its
 * latency. Nothing waits for a timer: an idle namespace commits a store at once.
 *
 * <p>Not thread-safe: owned by one entity. Queued stores are not state: they are not yet
 * acknowledged, so losing them in a crash loses nothing anyone was promised.
 */
public final class GroupCommit {
  private final int maxMemoriesPerCommit;
  private final ArrayDeque<Flush.Unit<?>> queued = new ArrayDeque<>();
  private final Map<String, UUID> queuedHashes = new HashMap<>();
  private Flush inFlight;

  public GroupCommit(int maxMemoriesPerCommit) {
    this.maxMemoriesPerCommit = maxMemoriesPerCommit;
  }

  /** The id of a queued or in-flight memory with this content hash, if any. */
  public UUID duplicateOf(String contentHash) {
    return queuedHashes.get(contentHash);
  }

  public void enqueue(Flush.Unit<?> unit) {
    queued.add(unit);
    for (Memory m : unit.memories()) {
      queuedHashes.put(m.contentHash(), m.id());
    }
  }

  /**
   * Starts the next commit if none is in flight: takes whole units up to the size cap (at least
   * one unit).
   *
   * @return the commit to write, or {@code null} if one is in flight or nothing is queued
   */
  public Flush next() {
    if (inFlight != null || queued.isEmpty()) {
      return null;
    }
    List<Flush.Unit<?>> units = new ArrayList<>();
    int memories = 0;
    while (!queued.isEmpty()
        && (units.isEmpty()
            || memories + queued.peek().memories().size() <= maxMemoriesPerCommit)) {
      Flush.Unit<?> u = queued.poll();
      units.add(u);
      memories += u.memories().size();
    }
    inFlight = new Flush(units);
    return inFlight;
  }

  public Flush inFlight() {
    return inFlight;
  }

  /** The in-flight commit finished (durably or not); its memories are no longer queued. */
  public Flush finish() {
    Flush done = inFlight;
    inFlight = null;
    for (Memory m : done.memories()) {
      queuedHashes.remove(m.contentHash(), m.id());
    }
    return done;
  }
}
