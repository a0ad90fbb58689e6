package com.memoryoss.protocol.api;

import com.memoryoss.protocol.NamespaceReply;

/**
 * What a decay sweep did to one namespace: memories examined (not archived), memories that
 * became {@code stale}, memories archived (kept, out of recall and injection), and changes left
 * for the next sweep (one sweep journals a bounded number of changes).
 */
public record DecayResponse(String namespace, int afterDays, int examined, int staled,
    int archived, int pending, boolean dryRun) {

  public static DecayResponse of(String namespace, NamespaceReply.Decayed d) {
    return new DecayResponse(namespace, d.afterDays(), d.examined(), d.staled(), d.archived(),
        d.pending(), d.dryRun());
  }
}
