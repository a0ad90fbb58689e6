package com.memoryoss.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

class SseReaderTest {
  private static void feedInPieces(SseReader r, String stream, int piece) {
    byte[] b = stream.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < b.length; i += piece) {
      r.accept(ByteString.fromArray(b, i, Math.min(piece, b.length - i)));
    }
    r.finish();
  }

  @Test
  void chatDeltasSplitAcrossChunksAreAccumulated() {
    String stream = "data: {\"choices\":[{\"delta\":{\"content\":\"Hél\"}}]}\n\n"
        + "data: {\"choices\":[{\"delta\":{\"content\":\"lo 👋\"}}]}\n\n"
        + "data: [DONE]\n\n";
    for (int piece : new int[] {1, 3, 7, 1000}) {
      SseReader r = new SseReader(ChatCompletions.INSTANCE);
      feedInPieces(r, stream, piece);
      assertThat(r.answer()).isEqualTo("Héllo 👋");
      assertThat(r.done()).isTrue();
    }
  }

  @Test
  void anthropicStreamsTextDeltasAndEndsOnMessageStop() {
    String stream = "event: message_start\r\ndata: {\"type\":\"message_start\"}\r\n\r\n"
        + "event: content_block_delta\r\ndata: {\"type\":\"content_block_delta\",\"delta\":"
        + "{\"type\":\"text_delta\",\"text\":\"MEMORY-TOKEN: T1\"}}\r\n\r\n"
        + "event: content_block_delta\r\ndata: {\"type\":\"content_block_delta\",\"delta\":"
        + "{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}}\r\n\r\n"
        + "event: message_stop\r\ndata: {\"type\":\"message_stop\"}\r\n\r\n";
    SseReader r = new SseReader(AnthropicMessages.INSTANCE);
    feedInPieces(r, stream, 5);
    assertThat(r.answer()).isEqualTo("MEMORY-TOKEN: T1");
    assertThat(r.done()).isTrue();
  }

  @Test
  void responsesStreamEndsOnCompleted() {
    String stream = "event: response.output_text.delta\ndata: {\"type\":"
        + "\"response.output_text.delta\",\"delta\":\"ok\"}\n\nevent: response.completed\n"
        + "data: {\"type\":\"response.completed\"}\n\n";
    SseReader r = new SseReader(Responses.INSTANCE);
    feedInPieces(r, stream, 2);
    assertThat(r.answer()).isEqualTo("ok");
    assertThat(r.done()).isTrue();
  }

  @Test
  void anUnfinishedStreamIsNotDone() {
    SseReader r = new SseReader(ChatCompletions.INSTANCE);
    feedInPieces(r, "data: {\"choices\":[{\"delta\":{\"content\":\"part\"}}]}\n\n", 4);
    assertThat(r.done()).isFalse();
  }
}
