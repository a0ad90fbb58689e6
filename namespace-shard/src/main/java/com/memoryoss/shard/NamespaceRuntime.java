package com.memoryoss.shard;

import com.memoryoss.indexer.NamespaceIndex;
import com.memoryoss.indexer.Recaller;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What every namespace entity of this node shares: the key hierarchy, the executor for blocking
 * key-store and compaction I/O, the recall engine, and the snapshot policy.
 *
 * @param blocking runs JDBC work off the actors' threads
 * @param snapshotMinEvents a snapshot is taken after at least this many events, and at least as
 *     many as half the namespace's memories (which bounds both replay and snapshot cost)
 * @param compactor deletes journal rows and snapshots a newer snapshot made obsolete; may be
 *     {@code null} (no compaction)
 */
public record NamespaceRuntime(
    KeyStore keyStore,
    MasterKey masterKey,
    Executor blocking,
    Supplier<NamespaceIndex> indexFactory,
    Recaller recaller,
    Clock clock,
    int snapshotMinEvents,
    JournalCompactor compactor) {}
