package com.memoryoss.cli.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonEditTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode ENTRY = read("""
      {"type":"stdio","command":"/opt/m/bin/memoryoss","args":["-c","/h/c.toml","mcp-server"],
       "env":{}}""");

  private static JsonNode read(String s) {
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String put(String text) {
    return JsonEdit.put(text, "f.json", "mcpServers", "memoryoss", ENTRY);
  }

  @Test
  void createsTheFileWhenThereIsNone() {
    String out = put(null);
    assertThat(read(out).at("/mcpServers/memoryoss")).isEqualTo(ENTRY);
    assertThat(out).isEqualTo("""
        {
          "mcpServers": {
            "memoryoss": {
              "type": "stdio",
              "command": "/opt/m/bin/memoryoss",
              "args": [
                "-c",
                "/h/c.toml",
                "mcp-server"
              ],
              "env": {}
            }
          }
        }
        """);
  }

  @Test
  void addsTheServerBesideOthersAndChangesNoOtherByte() {
    String original = """
        {
          "numStartups": 12,
          "price": 1.50e2,
          "name": "caf\\u00e9 \\/ tea",
          "mcpServers": {
            "other": {"command": "x", "args": []}
          },
          "projects": {}
        }
        """;
    String out = put(original);
    String inserted = """
        ,
            "memoryoss": {
              "type": "stdio",
              "command": "/opt/m/bin/memoryoss",
              "args": [
                "-c",
                "/h/c.toml",
                "mcp-server"
              ],
              "env": {}
            }""";
    assertThat(out.replace(inserted, "")).isEqualTo(original);
    assertThat(read(out).at("/mcpServers/memoryoss")).isEqualTo(ENTRY);
    assertThat(put(out)).isSameAs(out);
  }

  @Test
  void addsTheSectionWhenMissingInTheFilesOwnIndentation() {
    String original = "{\n\t\"a\": [1, 2],\n\t\"b\": {\"c\": null}\n}";
    String out = put(original);
    assertThat(out).startsWith("{\n\t\"a\": [1, 2],\n\t\"b\": {\"c\": null},\n\t\"mcpServers\": {\n"
        + "\t\t\"memoryoss\": {\n\t\t\t\"type\": \"stdio\"");
    assertThat(out).endsWith("\t\t}\n\t}\n}");
    assertThat(read(out).at("/b")).isEqualTo(read("{\"c\": null}"));
  }

  @Test
  void replacesOnlyAStaleEntry() {
    String original = "{\n  \"mcpServers\": {\n    \"memoryoss\": {\"command\": \"/old\"},\n"
        + "    \"z\": 1\n  },\n  \"tail\": true\n}\n";
    String out = put(original);
    assertThat(out).startsWith("{\n  \"mcpServers\": {\n    \"memoryoss\": {\n      \"type\"");
    assertThat(out).endsWith("\n    },\n    \"z\": 1\n  },\n  \"tail\": true\n}\n");
    assertThat(read(out).at("/mcpServers/memoryoss")).isEqualTo(ENTRY);
  }

  @Test
  void keepsASingleLineFileOnOneLine() {
    String out = put("{\"a\":1,\"mcpServers\":{}}");
    assertThat(out).doesNotContain("\n").startsWith("{\"a\":1,\"mcpServers\":{\"memoryoss\":{");
    assertThat(read(out).at("/mcpServers/memoryoss")).isEqualTo(ENTRY);
  }

  @Test
  void keepsWindowsLineEndings() {
    String out = put("{\r\n  \"a\": 1\r\n}\r\n");
    assertThat(out.replace("\r\n", "")).doesNotContain("\n");
    assertThat(read(out).at("/mcpServers/memoryoss")).isEqualTo(ENTRY);
  }

  @Test
  void refusesWhatIsNotJsonOrWhereServersIsNotAnObject() {
    assertThatThrownBy(() -> put("{\"a\": 1,}")).isInstanceOf(SetupException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> put("{\"mcpServers\": null}")).isInstanceOf(SetupException.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> put("[1]")).isInstanceOf(SetupException.class);
  }
}
