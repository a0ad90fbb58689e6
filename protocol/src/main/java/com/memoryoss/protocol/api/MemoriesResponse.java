package com.memoryoss.protocol.api;

import com.memoryoss.protocol.Memory;
import java.util.List;

/**
 * Reply of {@code GET /v1/memories}: one page, newest first. {@code count} is the size of this
 * page, {@code total} the number of matching memories; {@code next_cursor} fetches the next page.
 */
public record MemoriesResponse(
    String namespace,
    String agent,
    String session,
    int count,
    int total,
    List<Memory> memories,
    String nextCursor) {}
