package com.memoryoss.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Acknowledged writes survive kill -9; forgotten content leaves no readable copy at rest. */
class DurabilityE2eTest {
  private static final String KEYS = """
      [[auth.api_keys]]
      key = "ek_durable_admin_0000000000000000"
      role = "admin"
      namespace = "dur"

      [limits]
      rate_limit_per_sec = 100000
      """;

  @Test
  void everyAcknowledgedStoreSurvivesKill9ExactlyOnce() throws Exception {
    try (ServerProcess server = ServerProcess.start(KEYS)) {
      Api api = new Api(server.baseUrl(), "ek_durable_admin_0000000000000000");
      Set<String> acked = ConcurrentHashMap.newKeySet();
      AtomicBoolean run = new AtomicBoolean(true);
      ExecutorService writers = Executors.newFixedThreadPool(8);
      for (int w = 0; w < 8; w++) {
        int writer = w;
        writers.submit(() -> {
          for (int i = 0; run.get(); i++) {
            try {
              Api.Res r = api.post("/v1/store", Map.of("content",
                  "writer " + writer + " fact " + i + " " + UUID.randomUUID()));
              if (r.status() == 200) {
                acked.add(r.body().path("id").asText());
              }
            } catch (Exception serverGone) {
              return null;
            }
          }
          return null;
        });
      }
      // Kill mid-stream, once writes are flowing (however slow this machine is today).
      Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> acked.size() > 200);
      server.kill9();
      run.set(false);
      writers.shutdown();
      assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      assertThat(acked).hasSizeGreaterThan(50);

      server.launch();
      Map<String, Integer> seen = new HashMap<>();
      String cursor = null;
      do {
        Api.Res page = api.get("/v1/memories?limit=1000"
            + (cursor == null ? "" : "&cursor=" + cursor));
        assertThat(page.status()).isEqualTo(200);
        for (JsonNode m : page.body().path("memories")) {
          seen.merge(m.path("id").asText(), 1, Integer::sum);
        }
        cursor = page.body().path("next_cursor").isMissingNode() ? null
            : page.body().path("next_cursor").asText();
      } while (cursor != null);
      assertThat(seen.keySet()).containsAll(acked);
      assertThat(seen.values()).allMatch(n -> n == 1);
    }
  }

  @Test
  void aMarkerIsNeverOnDiskAndIsGoneAfterForgetAndRestart() throws Exception {
    try (ServerProcess server = ServerProcess.start(KEYS)) {
      Api api = new Api(server.baseUrl(), "ek_durable_admin_0000000000000000");
      String marker = "ATREST-" + UUID.randomUUID();
      String id = api.post("/v1/store", Map.of("content", "the launch code is " + marker,
          "tags", List.of(marker))).body().path("id").asText();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 250; i++) { // crosses the snapshot threshold: snapshots hold it too
        ids.add(api.post("/v1/store", Map.of("content", "filler " + i)).body().path("id")
            .asText());
      }
      assertThat(api.post("/v1/recall", Map.of("query", "launch code")).body().toString())
          .contains(marker);
      server.restart();
      assertThat(filesContaining(server, marker)).isEmpty();

      assertThat(api.call("DELETE", "/v1/forget", Map.of("ids", List.of(id))).body()
          .path("deleted").asInt()).isEqualTo(1);
      server.restart();
      assertThat(api.get("/v1/inspect/" + id).status()).isEqualTo(404);
      assertThat(api.post("/v1/recall", Map.of("query", "launch code")).body().toString())
          .doesNotContain(marker);
      assertThat(api.get("/v1/export").body().toString()).doesNotContain(marker);
      assertThat(filesContaining(server, marker)).isEmpty();
      assertThat(api.get("/v1/inspect/" + ids.get(0)).status()).isEqualTo(200);
    }
  }

  private static List<Path> filesContaining(ServerProcess s, String marker) throws Exception {
    byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
    List<Path> hits = new ArrayList<>();
    for (Path f : s.dataFiles()) {
      byte[] hay = Files.readAllBytes(f);
      if (indexOf(hay, needle) >= 0) {
        hits.add(f);
      }
    }
    return hits;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
