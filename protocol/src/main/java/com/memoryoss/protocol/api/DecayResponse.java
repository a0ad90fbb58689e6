package com.memoryoss.protocol.api;

/**
 * What a decay sweep did to one namespace: memories examined (not archived), memories that
 * became {@code stale}, memories archived (kept, out of recall and injection), and changes left
 * for the next sweep (one sweep journals a bounded number of changes).
 */
public record DecayResponse(String namespace, int afterDays, int examined, int staled,
    int archived, int pending, boolean dryRun) {}
