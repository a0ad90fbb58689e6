package com.memoryoss.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryModeTest {
  private static ProxySettings settings(MemoryMode dflt, boolean clientControl) {
    return new ProxySettings(true, "http://u/v1", "http://a/v1/messages", null, null, List.of(),
        false, true, dflt, clientControl, null, 0.1, 0.4, 0.15, 0.3, Map.of(), true,
        Duration.ofSeconds(5));
  }

  @Test
  void headersCountOnlyWhenClientControlIsAllowed() {
    var allowed = MemoryMode.resolve(settings(MemoryMode.FULL, true), Optional.of("readonly"),
        Optional.empty(), Optional.empty());
    assertThat(allowed.mode()).isEqualTo(MemoryMode.READONLY);
    var denied = MemoryMode.resolve(settings(MemoryMode.FULL, false), Optional.of("off"),
        Optional.empty(), Optional.of("true"));
    assertThat(denied.mode()).isEqualTo(MemoryMode.FULL);
  }

  @Test
  void writeonlyLearnsButNeverRecalls() {
    for (String name : List.of("writeonly", "write-only", "write_only", "wo", "WriteOnly")) {
      assertThat(MemoryMode.parse(name)).contains(MemoryMode.WRITEONLY);
    }
    assertThat(MemoryMode.WRITEONLY.learns()).isTrue();
    assertThat(MemoryMode.WRITEONLY.recalls()).isFalse();
    assertThat(MemoryMode.WRITEONLY.wireName()).isEqualTo("writeonly");
    assertThat(MemoryMode.resolve(settings(MemoryMode.WRITEONLY, true), Optional.empty(),
        Optional.empty(), Optional.empty()).mode()).isEqualTo(MemoryMode.WRITEONLY);
    assertThat(MemoryMode.OFF.learns() || MemoryMode.OFF.recalls()).isFalse();
    assertThat(MemoryMode.READONLY.learns()).isFalse();
  }

  @Test
  void bypassTurnsMemoryOffWhenAllowed() {
    assertThat(MemoryMode.resolve(settings(MemoryMode.FULL, true), Optional.empty(),
        Optional.empty(), Optional.of("1")).mode()).isEqualTo(MemoryMode.OFF);
  }

  @Test
  void afterNeedsADate() {
    var r = MemoryMode.resolve(settings(MemoryMode.FULL, true), Optional.of("after"),
        Optional.of("2026-01-02"), Optional.empty());
    assertThat(r.mode()).isEqualTo(MemoryMode.AFTER);
    assertThat(r.after()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
    assertThat(MemoryMode.resolve(settings(MemoryMode.FULL, true), Optional.of("after"),
        Optional.of("garbage"), Optional.empty()).mode()).isEqualTo(MemoryMode.READONLY);
  }

  @Test
  void contextSizesArePrefixMatchedLongestFirst() {
    assertThat(ModelContext.tokens("gpt-4o-2024-08-06", Map.of())).isEqualTo(128_000);
    assertThat(ModelContext.tokens("gpt-4-0613", Map.of())).isEqualTo(8_192);
    assertThat(ModelContext.tokens("claude-opus-4-8", Map.of())).isEqualTo(200_000);
    assertThat(ModelContext.tokens("mine", Map.of("mine", 4096L))).isEqualTo(4096);
  }

  @Test
  void localityIsJudgedOnTheRealAddress() throws Exception {
    var loop = java.net.InetAddress.getByName("127.0.0.1");
    var remote = java.net.InetAddress.getByName("10.1.2.3");
    assertThat(ProxyAuth.isLocal(loop, Optional.empty())).isTrue();
    assertThat(ProxyAuth.isLocal(remote, Optional.of("127.0.0.1"))).isFalse();
    assertThat(ProxyAuth.isLocal(loop, Optional.of("203.0.113.9, 127.0.0.1"))).isFalse();
  }
}
