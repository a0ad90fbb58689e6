package com.memoryoss.protocol.api;

import com.memoryoss.protocol.MemoryException;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The memory API as a port: what the HTTP routes, the MCP tools and the proxy ask of the memory
 * core, independent of where the core runs (sharded entities in this JVM, or a core process over
 * HTTP).
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>Every method is non-blocking and may be called from any thread.
 *   <li>The {@link Caller}'s namespace is authoritative; a request body naming another namespace
 *       has already been refused by the caller of this port.
 *   <li>Stages fail with {@link MemoryException} for refusals (bad input, unknown id, core
 *       unavailable). Any other failure is a bug or an outage and maps to a 5xx.
 *   <li>A completed write is durable: it survives a crash of the process.
 * </ol>
 */
public interface MemoryService {

  CompletionStage<StoreResponse> store(Caller caller, StoreRequest request);

  /** Stores all memories or none. */
  CompletionStage<StoreBatchResponse> storeBatch(Caller caller, StoreBatchRequest request);

  CompletionStage<RecallResponse> recall(Caller caller, RecallRequest request);

  /** Runs the recalls concurrently; any failure fails the whole batch. */
  CompletionStage<RecallBatchResponse> recallBatch(Caller caller, RecallBatchRequest request);

  CompletionStage<UpdateResponse> update(Caller caller, UpdateRequest request);

  /** Forgets by ids or by a non-empty filter; never everything. Idempotent. */
  CompletionStage<ForgetResponse> forget(Caller caller, ForgetRequest request);

  CompletionStage<MemoriesResponse> list(Caller caller, ListRequest request);

  CompletionStage<InspectResponse> inspect(Caller caller, UUID id);

  CompletionStage<PeekResponse> peek(Caller caller, UUID id);

  CompletionStage<ExportResponse> export(Caller caller);

  /** Ranks like {@link #recall} and explains every candidate's score. */
  CompletionStage<QueryExplainResponse> explain(Caller caller, RecallRequest request);

  /** Indexing state of the caller's namespace. */
  CompletionStage<IndexHealthResponse> indexHealth(Caller caller);

  /** Confirms, rejects or supersedes a memory. */
  CompletionStage<FeedbackResponse> feedback(Caller caller, FeedbackRequest request);

  /** Merges clusters of near-duplicates (admin). */
  CompletionStage<ConsolidateResponse> consolidate(Caller caller, ConsolidateRequest request);

  /** Reconciles extracted facts with the namespace (the extraction pipeline's entry). */
  CompletionStage<LearnResponse> learn(Caller caller, java.util.List<com.memoryoss.protocol.FactSpec>
      facts, String source, String evidenceId);

  /**
   * Starts re-embedding the caller's namespace with another model; answers at once with the
   * index health, whose {@code migration} shows progress until the switch.
   */
  CompletionStage<IndexHealthResponse> migrateEmbeddings(Caller caller, String model);

  /** Runs the age-based lifecycle sweep on the caller's namespace (admin). */
  CompletionStage<DecayResponse> decay(Caller caller, DecayRequest request);

  /**
   * Records that the proxy injected these memories into a prompt. Unknown ids are skipped; the
   * stage completes with the number recorded.
   */
  CompletionStage<Integer> recordInjections(Caller caller, java.util.List<UUID> ids);

  /** Number of memories in the caller's namespace. */
  CompletionStage<Long> count(Caller caller);
}
