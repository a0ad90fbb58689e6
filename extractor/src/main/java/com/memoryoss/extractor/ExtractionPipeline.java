package com.memoryoss.extractor;

import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The running extraction stream: a bounded queue the proxy offers exchanges to (never blocking;
 * overflow is dropped and counted), then {@link ExtractionFlows} stage by stage into the memory
 * core.
 */
public final class ExtractionPipeline implements ExchangeSink {
  /**
   * @param queueSize exchanges waiting for extraction before new ones are dropped
   * @param parallelism concurrent extraction LLM calls
   * @param seenExchanges how many recent exchanges are remembered to skip replays
   */
  public record Settings(int queueSize, int parallelism, int seenExchanges) {
    public static final Settings DEFAULTS = new Settings(256, 2, 50_000);
  }

  private final BoundedSourceQueue<Exchange> queue;
  private final ExtractionFlows.Counters counters = new ExtractionFlows.Counters();

  private ExtractionPipeline(Settings s, FactExtractor extractor, Learner learner,
      Materializer mat) {
    this.queue = Source.<Exchange>queue(s.queueSize())
        .via(ExtractionFlows.prepare(s.seenExchanges(), counters))
        .via(ExtractionFlows.extract(extractor, s.parallelism(), counters))
        .via(ExtractionFlows.screen(counters))
        .via(ExtractionFlows.learn(learner, extractor.source(), 2, counters))
        .to(Sink.ignore())
        .run(mat);
  }

  public static ExtractionPipeline start(Settings s, FactExtractor extractor, Learner learner,
      Materializer mat) {
    return new ExtractionPipeline(s, extractor, learner, mat);
  }

  @Override
  public boolean offer(Exchange exchange) {
    counters.offered.incrementAndGet();
    QueueOfferResult r = queue.offer(exchange);
    if (r == QueueOfferResult.enqueued()) {
      return true;
    }
    counters.dropped.incrementAndGet();
    return false;
  }

  public ExtractionFlows.Counters counters() {
    return counters;
  }

  /** Stops accepting; exchanges already queued are still processed. */
  public void close() {
    queue.complete();
  }
}
