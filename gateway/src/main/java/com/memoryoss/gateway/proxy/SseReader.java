package com.memoryoss.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.apache.pekko.util.ByteString;

/**
 * Reads server-sent events out of an upstream stream as it is forwarded, to collect the
 * assistant's answer. Events are framed on blank lines across network chunks (an event split
 * between two chunks is still read whole). The answer is capped; the bytes forwarded to the client
 * are never changed.
 *
 * <p>Not thread-safe: fed by the one stream it taps.
 */
final class SseReader {
  static final int MAX_ANSWER_CHARS = 512_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Dialect dialect;
  private final StringBuilder answer = new StringBuilder();
  private ByteString pending = ByteString.emptyByteString();
  private String event;
  private final StringBuilder data = new StringBuilder();
  private boolean done;

  SseReader(Dialect dialect) {
    this.dialect = dialect;
  }

  void accept(ByteString chunk) {
    pending = pending.concat(chunk);
    int nl;
    while ((nl = pending.indexOf((byte) '\n')) >= 0) {
      String line = pending.slice(0, nl).decodeString(StandardCharsets.UTF_8);
      pending = pending.drop(nl + 1);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      line(line);
    }
    if (pending.size() > 4 * 1024 * 1024) {
      pending = ByteString.emptyByteString(); // not SSE, or a runaway line: stop collecting
    }
  }

  private void line(String line) {
    if (line.isEmpty()) {
      dispatch();
    } else if (line.startsWith("data:")) {
      data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
    } else if (line.startsWith("event:")) {
      event = line.substring(6).strip();
    }
  }

  private void dispatch() {
    if (data.isEmpty()) {
      event = null;
      return;
    }
    String payload = data.toString();
    data.setLength(0);
    if (payload.equals("[DONE]")) {
      done = true;
    } else if (answer.length() < MAX_ANSWER_CHARS) {
      JsonNode json = null;
      try {
        json = JSON.readTree(payload);
      } catch (Exception notJson) {
        // keep going: one odd event does not spoil the answer
      }
      if (dialect.onEvent(event, json, answer)) {
        done = true;
      }
      if (answer.length() > MAX_ANSWER_CHARS) {
        answer.setLength(MAX_ANSWER_CHARS);
      }
    }
    event = null;
  }

  /** Flushes a last event not followed by a blank line. */
  void finish() {
    if (pending.nonEmpty()) {
      line(pending.decodeString(StandardCharsets.UTF_8).strip());
      pending = ByteString.emptyByteString();
    }
    dispatch();
  }

  boolean done() {
    return done;
  }

  String answer() {
    return answer.toString();
  }
}
