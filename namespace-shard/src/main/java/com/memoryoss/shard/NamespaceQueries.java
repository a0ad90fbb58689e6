package com.memoryoss.shard;

import com.memoryoss.indexer.NamespaceIndex;
import com.memoryoss.indexer.Recaller;
import com.memoryoss.protocol.ListSpec;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.NamespaceReply;
import com.memoryoss.protocol.RecallQuery;
import com.memoryoss.protocol.Rejection;
import com.memoryoss.protocol.api.MemoryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The read-only answers of a namespace entity: recall, get, list, export and stats. */
final class NamespaceQueries {
  private final Recaller recaller;
  private final NamespaceIndex index;

  NamespaceQueries(Recaller recaller, NamespaceIndex index) {
    this.recaller = recaller;
    this.index = index;
  }

  NamespaceReply recall(NamespaceState state, RecallQuery q, Instant now) {
    try {
      return new NamespaceReply.Recalled(recaller.recall(q, index, state::get, now));
    } catch (MemoryException e) {
      return new NamespaceReply.Rejected(e.reason(), e.getMessage());
    }
  }

  NamespaceReply get(NamespaceState state, UUID id) {
    Memory m = state.get(id);
    return m == null
        ? new NamespaceReply.Rejected(Rejection.NOT_FOUND, "memory not found")
        : new NamespaceReply.Found(m);
  }

  /** Newest first; the cursor is the id of the last memory of the previous page. */
  NamespaceReply list(NamespaceState state, ListSpec spec) {
    UUID after = null;
    if (spec.cursor() != null) {
      try {
        after = UUID.fromString(spec.cursor());
      } catch (IllegalArgumentException e) {
        return new NamespaceReply.Rejected(Rejection.INVALID, "invalid cursor");
      }
    }
    List<Memory> page = new ArrayList<>(Math.min(spec.limit(), 256));
    int total = 0;
    boolean more = false;
    for (Memory m : state.newestFirst()) {
      if (m.archived() || !spec.filter().matches(m)) {
        continue;
      }
      total++;
      if (after != null && m.id().compareTo(after) >= 0) {
        continue;
      }
      if (page.size() < spec.limit()) {
        page.add(m);
      } else {
        more = true;
      }
    }
    String next = more ? page.get(page.size() - 1).id().toString() : null;
    return new NamespaceReply.Listed(page, total, next);
  }

  NamespaceReply export(NamespaceState state) {
    List<Memory> all = new ArrayList<>(state.size());
    for (Memory m : state.all()) {
      if (!m.archived()) {
        all.add(m);
      }
    }
    return new NamespaceReply.Exported(all);
  }

  NamespaceReply stats(NamespaceState state) {
    return new NamespaceReply.Stats(state.size(), state.size(), 0);
  }
}
