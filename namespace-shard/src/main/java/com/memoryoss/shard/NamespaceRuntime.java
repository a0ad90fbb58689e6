package com.memoryoss.shard;

import com.memoryoss.indexer.Recaller;
import com.memoryoss.protocol.RecallWeights;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * What every namespace entity of this node shares: the key hierarchy, the executors for blocking
 * I/O, indexing and recall, the recall engine, and the policies.
 *
 * @param blocking runs JDBC work off the actors' threads
 * @param indexing applies index ops and embeds (CPU-heavy: a small pool)
 * @param recalls runs recalls (query embedding, search, fusion) off the actors' threads
 * @param defaultModel embedding model of new namespaces ({@link IndexFactory#NONE} for none)
 * @param maxIndexLag stores are refused (retry later) while more memories than this wait to be
 *     indexed in a namespace
 * @param strongRecallWait how long a strong recall waits for the index before it is answered
 *     "busy" (keep it under the gateway's ask timeout, so callers learn why)
 * @param snapshotMinEvents a snapshot is taken after at least this many events, and at least as
 *     many as half the namespace's memories (which bounds both replay and snapshot cost)
 * @param decay the {@code [decay]} settings
 * @param compactor deletes journal rows and snapshots a newer snapshot made obsolete; may be
 *     {@code null} (no compaction)
 */
public record NamespaceRuntime(
    KeyStore keyStore,
    MasterKey masterKey,
    Executor blocking,
    Executor indexing,
    Executor recalls,
    IndexFactory indexes,
    String defaultModel,
    Recaller recaller,
    RecallWeights defaultWeights,
    Clock clock,
    long maxIndexLag,
    Duration strongRecallWait,
    int snapshotMinEvents,
    JournalCompactor compactor,
    DecayPolicy decay) {}
