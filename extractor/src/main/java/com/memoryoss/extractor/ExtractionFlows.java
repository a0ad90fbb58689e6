package com.memoryoss.extractor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * The stages of fact extraction, as flow factories (the composition root materializes them):
 * skip exchanges already seen, render and redact the conversation, call the extractor with
 * bounded concurrency, and keep only facts that are safe to store.
 */
public final class ExtractionFlows {
  private ExtractionFlows() {}

  /** An exchange on its way: the redacted text the extractor reads and its evidence id. */
  public record Job(Exchange exchange, String conversation, String evidenceId) {}

  /** Facts extracted from one exchange. */
  public record Extracted(Job job, List<Fact> facts) {}

  /** Counters of the pipeline, for metrics and tests. */
  public static final class Counters {
    public final AtomicLong offered = new AtomicLong();
    public final AtomicLong dropped = new AtomicLong();
    public final AtomicLong repeats = new AtomicLong();
    public final AtomicLong extracted = new AtomicLong();
    public final AtomicLong failed = new AtomicLong();
    public final AtomicLong facts = new AtomicLong();
    public final AtomicLong rejected = new AtomicLong();
    public final AtomicLong learned = new AtomicLong();
  }

  /**
   * Drops exchanges identical to one already processed (a replayed conversation teaches nothing
   * new), remembering the last {@code memory} exchanges, and renders the rest.
   */
  public static Flow<Exchange, Job, NotUsed> prepare(int memory, Counters c) {
    Map<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > memory;
      }
    };
    return Flow.<Exchange>create()
        .map(e -> new Job(e, Conversation.render(e), evidenceId(e)))
        .filter(j -> {
          if (seen.put(j.exchange().namespace() + ':' + j.evidenceId(), Boolean.TRUE) != null) {
            c.repeats.incrementAndGet();
            return false;
          }
          return true;
        });
  }

  /** Calls the extractor, at most {@code parallelism} at a time; failures are counted, skipped. */
  public static Flow<Job, Extracted, NotUsed> extract(FactExtractor extractor, int parallelism,
      Counters c) {
    return Flow.<Job>create().mapAsyncUnordered(parallelism, job ->
        extractor.extract(job.conversation())
            .thenApply(facts -> {
              c.extracted.incrementAndGet();
              return new Extracted(job, facts);
            })
            .exceptionally(e -> {
              c.failed.incrementAndGet();
              return new Extracted(job, List.of());
            }));
  }

  /** Keeps facts fit to store: no secrets, no attempts to steer a model, not too short. */
  public static Flow<Extracted, Extracted, NotUsed> screen(Counters c) {
    return Flow.<Extracted>create().map(x -> {
      List<Fact> ok = new ArrayList<>();
      for (Fact f : x.facts()) {
        String content = Redactor.redact(f.content());
        if (content.length() < 12 || content.contains("[REDACTED:")
            || !InjectionFilter.isSafe(content)) {
          c.rejected.incrementAndGet();
        } else {
          ok.add(new Fact(content, f.tags()));
        }
      }
      c.facts.addAndGet(ok.size());
      return new Extracted(x.job(), ok);
    }).filter(x -> !x.facts().isEmpty());
  }

  /** Hands facts to the memory core, one namespace write at a time per exchange. */
  public static Flow<Extracted, Integer, NotUsed> learn(Learner learner, String source,
      int parallelism, Counters c) {
    return Flow.<Extracted>create().mapAsyncUnordered(parallelism, x ->
        learner.learn(x.job().exchange().namespace(), x.facts(), source, x.job().evidenceId())
            .thenApply(n -> {
              c.learned.addAndGet(n);
              return n;
            })
            .exceptionally(e -> {
              c.failed.incrementAndGet();
              return 0;
            }).toCompletableFuture());
  }

  /**
   * What this exchange adds: the latest user turn and the answer. Two exchanges that add the same
   * thing are the same evidence.
   */
  static String evidenceId(Exchange e) {
    String lastUser = "";
    for (Exchange.Turn t : e.messages()) {
      if (t.role().equals("user")) {
        lastUser = t.text();
      }
    }
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(lastUser.getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
      d.update(e.assistant().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest(), 0, 12);
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }

  static CompletableFuture<Integer> done(int n) {
    return CompletableFuture.completedFuture(n);
  }
}
