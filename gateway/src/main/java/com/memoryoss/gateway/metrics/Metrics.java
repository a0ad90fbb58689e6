package com.memoryoss.gateway.metrics;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The node's counters and gauges, rendered as Prometheus text. Counters are incremented by the
 * routes; gauges are read from their owners when scraped. Thread-safe.
 */
public final class Metrics {
  private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongSupplier> gauges = new ConcurrentHashMap<>();

  /** Adds one to a counter; {@code name} may carry labels: {@code x_total{api="chat"}}. */
  public void increment(String name) {
    add(name, 1);
  }

  public void add(String name, long n) {
    counters.computeIfAbsent(name, k -> new LongAdder()).add(n);
  }

  /** Registers a value read at scrape time. */
  public void gauge(String name, LongSupplier value) {
    gauges.put(name, value);
  }

  public long value(String name) {
    LongAdder a = counters.get(name);
    if (a != null) {
      return a.sum();
    }
    LongSupplier g = gauges.get(name);
    return g == null ? 0 : g.getAsLong();
  }

  /** Prometheus text exposition format 0.0.4. */
  public String render() {
    Map<String, Long> all = new TreeMap<>();
    counters.forEach((k, v) -> all.put(k, v.sum()));
    gauges.forEach((k, v) -> all.put(k, v.getAsLong()));
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    all.put("memoryoss_jvm_heap_used_bytes", heap.getUsed());
    all.put("memoryoss_jvm_heap_committed_bytes", heap.getCommitted());
    StringBuilder sb = new StringBuilder();
    String lastFamily = null;
    for (Map.Entry<String, Long> e : all.entrySet()) {
      String family = e.getKey().contains("{") ? e.getKey().substring(0, e.getKey().indexOf('{'))
          : e.getKey();
      if (!family.equals(lastFamily)) {
        sb.append("# TYPE ").append(family).append(family.endsWith("_total") ? " counter"
            : " gauge").append('\n');
        lastFamily = family;
      }
      sb.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
    }
    return sb.toString();
  }
}
