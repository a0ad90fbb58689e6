package com.memoryoss.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.memoryoss.client.WireJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands between the process's stdin/stdout and the SDK's stdio transport, which has three
 * weaknesses this makes up for:
 *
 * <ul>
 *   <li>One line that is not JSON (even a blank one) stops its reading for good: the server then
 *       neither answers nor notices the end of input. Here blank lines are dropped and a line that
 *       is not a JSON object is answered with a JSON-RPC parse error, so the transport only ever
 *       sees well-formed messages.
 *   <li>It offers no way to wait for the end of input; here {@link #awaitClosed} does.
 *   <li>It stops writing as soon as it reads EOF, so a client that writes its last request and
 *       closes the pipe at once (a script) would never get that answer. Here the end of input is
 *       passed on only once every request read has been answered (bounded by a timeout).
 * </ul>
 *
 * <p>Output is written a whole line at a time, so the bridge's own error lines never interleave
 * with the transport's messages.
 */
public final class StdioBridge {
  private static final Logger LOG = LoggerFactory.getLogger(StdioBridge.class);

  private final InputStream stdin;
  private final OutputStream stdout;
  private final Duration drainMax;
  private final LineQueueInputStream toTransport = new LineQueueInputStream();
  private final LineOutputStream fromTransport;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Object lock = new Object();
  private long requests; // guarded by lock
  private long responses; // guarded by lock
  private boolean initialized; // read and written by the pump thread only

  /** @param drainMax how long the end of input may be held back for unanswered requests */
  public StdioBridge(InputStream stdin, OutputStream stdout, Duration drainMax) {
    this.stdin = stdin;
    this.stdout = stdout;
    this.drainMax = drainMax;
    this.fromTransport = new LineOutputStream(this::fromTransport);
  }

  /** What the transport reads: well-formed messages only, then the end once drained. */
  public InputStream transportInput() {
    return toTransport;
  }

  /** Where the transport writes. */
  public OutputStream transportOutput() {
    return fromTransport;
  }

  /** Starts pumping stdin on its own thread. */
  public void start() {
    Thread.ofPlatform().daemon().name("memoryoss-mcp-stdin").start(this::pump);
  }

  /** Blocks until stdin has ended and the end has been passed on to the transport. */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }

  private void pump() {
    LineSplitter lines = new LineSplitter(this::fromClient);
    byte[] buf = new byte[64 * 1024];
    try {
      for (int n; (n = stdin.read(buf)) >= 0; ) {
        lines.accept(buf, n);
      }
      lines.finish();
    } catch (IOException e) {
      LOG.debug("stdin failed: {}", e.toString());
    } finally {
      try {
        if (!awaitAnswered()) {
          LOG.warn("stdin ended with requests still unanswered after {} s; exiting without"
              + " their answers", drainMax.toSeconds());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      toTransport.end();
      closed.countDown();
    }
  }

  private void fromClient(byte[] line) {
    String text = new String(line, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return;
    }
    JsonNode message;
    try {
      message = WireJson.MAPPER.readTree(text);
    } catch (IOException e) {
      message = null;
    }
    if (message == null || !message.isObject()) {
      LOG.warn("dropped a line from the client that is not a JSON-RPC message");
      ObjectNode error = WireJson.MAPPER.createObjectNode();
      error.put("jsonrpc", "2.0");
      error.putNull("id");
      error.putObject("error").put("code", -32700).put("message", "Parse error: each line must"
          + " be one JSON-RPC message (a JSON object)");
      writeLine(error.toString().getBytes(StandardCharsets.UTF_8));
      return;
    }
    String method = message.path("method").asText("");
    if (method.equals("notifications/initialized")) {
      initialized = true;
    }
    // The SDK silently drops requests that come before the client's "initialized"
    // notification; counting those would hold the exit back for nothing.
    if (message.hasNonNull("id") && (method.equals("initialize")
        || (initialized && !method.isEmpty()))) {
      synchronized (lock) {
        requests++;
      }
    }
    toTransport.put(line);
  }

  private void fromTransport(byte[] line) {
    // Written first, counted after: the end of input may be passed on (and the process exit)
    // as soon as the count says everything is answered.
    writeLine(line);
    try {
      JsonNode message = WireJson.MAPPER.readTree(line);
      if (message != null && message.hasNonNull("id")
          && (message.has("result") || message.has("error"))) {
        synchronized (lock) {
          responses++;
          lock.notifyAll();
        }
      }
    } catch (IOException notJson) {
      // the transport only writes JSON; count nothing if it ever does not
    }
  }

  private void writeLine(byte[] line) {
    synchronized (stdout) {
      try {
        stdout.write(line);
        stdout.write('\n');
        stdout.flush();
      } catch (IOException e) {
        LOG.debug("stdout failed: {}", e.toString());
      }
    }
  }

  private boolean awaitAnswered() throws InterruptedException {
    long deadline = System.nanoTime() + drainMax.toNanos();
    synchronized (lock) {
      while (responses < requests) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  /** Cuts bytes into lines (without the newline; a trailing CR is dropped too). */
  static final class LineSplitter {
    private final java.util.function.Consumer<byte[]> onLine;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineSplitter(java.util.function.Consumer<byte[]> onLine) {
      this.onLine = onLine;
    }

    void accept(byte[] buf, int len) {
      int start = 0;
      for (int i = 0; i < len; i++) {
        if (buf[i] == '\n') {
          line.write(buf, start, i - start);
          emit();
          start = i + 1;
        }
      }
      line.write(buf, start, len - start);
    }

    /** A last line without a newline still counts. */
    void finish() {
      if (line.size() > 0) {
        emit();
      }
    }

    private void emit() {
      byte[] bytes = line.toByteArray();
      line.reset();
      int end = bytes.length;
      if (end > 0 && bytes[end - 1] == '\r') {
        end--;
      }
      onLine.accept(end == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, end));
    }
  }

  /** An output stream that hands on whole lines. */
  private static final class LineOutputStream extends OutputStream {
    private final LineSplitter lines;

    LineOutputStream(java.util.function.Consumer<byte[]> onLine) {
      this.lines = new LineSplitter(onLine);
    }

    @Override
    public synchronized void write(int b) {
      lines.accept(new byte[] {(byte) b}, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      lines.accept(java.util.Arrays.copyOfRange(b, off, off + len), len);
    }
  }
}
