package com.memoryoss.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.memoryoss.protocol.MemoryType;
import com.memoryoss.protocol.api.StoreRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static StoreRequest read(String json) {
    return Json.read(json.getBytes(StandardCharsets.UTF_8), StoreRequest.class);
  }

  @Test
  void readsSnakeCaseFields() {
    StoreRequest r = read("{\"content\":\"c\",\"memory_type\":\"procedural\",\"tags\":[\"t\"]}");
    assertThat(r.memoryType()).isEqualTo(MemoryType.PROCEDURAL);
    assertThat(r.tags()).containsExactly("t");
  }

  @Test
  void errorsNameTheFieldAndNeverEchoTheBody() {
    assertThatThrownBy(() -> read("{\"content\":\"SECRET-VALUE\",\"tags\":\"x\"}"))
        .hasMessage("invalid value for 'tags': expected an array");
    assertThatThrownBy(() -> read("{\"content\":\"SECRET-VALUE\",\"tagz\":[]}"))
        .hasMessage("unknown field 'tagz'");
    assertThatThrownBy(() -> read("{\"content\": SECRET-VALUE}"))
        .hasMessageStartingWith("malformed JSON at line 1")
        .hasMessageNotContaining("SECRET-VALUE");
    assertThatThrownBy(() -> read("{\"content\":\"a\"} trailing"))
        .hasMessageStartingWith("malformed JSON");
    assertThatThrownBy(() -> read("[1,2]")).hasMessage("request body must be a JSON object");
    assertThatThrownBy(() -> read("")).hasMessage("request body is required");
  }

  @Test
  void numbersAreNotStrings() {
    assertThatThrownBy(() -> Json.read("{\"query\":\"q\",\"limit\":\"10\"}".getBytes(),
        com.memoryoss.protocol.api.RecallRequest.class))
        .hasMessage("invalid value for 'limit': expected a number");
  }

  @Test
  void writesNoNulls() {
    String out = new String(Json.write(new StoreRequest("c", null, null, null, null, null, null,
        null)), StandardCharsets.UTF_8);
    assertThat(out).isEqualTo("{\"content\":\"c\"}");
  }
}
