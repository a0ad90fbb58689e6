package com.memoryoss.indexer;

import com.memoryoss.protocol.Memory;
import java.util.List;

/**
 * A ranked recall candidate.
 *
 * @param score final score in [0, 1]
 * @param provenance channels that found it ({@code fts}, {@code vector}, {@code exact}, ...)
 */
public record Ranked(Memory memory, double score, List<String> provenance, double trust) {}
