package com.memoryoss.indexer;

import static com.memoryoss.indexer.Corpus.mem;
import static org.assertj.core.api.Assertions.assertThat;

import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryStatus;
import com.memoryoss.protocol.HitSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** First sentence as the summary, up to two more as evidence. */
class SummariesTest {

  private static HitSummary summary(Memory m) {
    return Summaries.of(new Ranked(m, 0.75, List.of("fts"), 0.6, null), false);
  }

  private static List<String> evidence(HitSummary s) {
    return s.evidence();
  }

  @Test
  void aShortSingleSentenceIsItsOwnSummaryAndEvidence() {
    HitSummary s = summary(mem(1, "  The backup runs at 2am ").build());
    assertThat(s.summary()).isEqualTo("The backup runs at 2am.");
    assertThat(evidence(s)).containsExactly("The backup runs at 2am");
  }

  @Test
  void furtherSentencesBecomeEvidenceTwoAtMost() {
    HitSummary s = summary(mem(1,
        "Deploys go out on Tuesdays. They need two approvals! Who approves? Ops. Then QA.")
        .build());
    assertThat(s.summary()).isEqualTo("Deploys go out on Tuesdays.");
    assertThat(evidence(s)).containsExactly("They need two approvals!", "Who approves?");
  }

  @Test
  void lineBreaksEndSentences() {
    HitSummary s = summary(mem(1, "Shopping list\n- eggs\n- milk").build());
    assertThat(s.summary()).isEqualTo("Shopping list.");
    assertThat(evidence(s)).containsExactly("- eggs", "- milk");
  }

  @Test
  void longSentencesAreTruncated() {
    String first = "a".repeat(200);
    String second = "b".repeat(200);
    HitSummary s = summary(mem(1, first + ". " + second + ".").build());
    assertThat(s.summary()).isEqualTo("a".repeat(140) + "...");
    assertThat(evidence(s)).containsExactly("b".repeat(90));
  }

  @Test
  void aLongSingleSentenceHasNoEvidence() {
    HitSummary s = summary(mem(1, "word ".repeat(30).strip()).build());
    assertThat(s.evidence()).isEmpty();
    assertThat(s.summary()).endsWith(".");
  }

  @Test
  void truncationNeverSplitsASurrogatePair() {
    String s = "a".repeat(139) + "\uD83D\uDE00" + "tail";
    assertThat(Summaries.truncate(s, 140)).isEqualTo("a".repeat(139));
    assertThat(Summaries.truncate("short", 140)).isEqualTo("short");
  }

  @Test
  void theHitsMetadataIsCarriedOver() {
    Memory m = mem(1, "Tagged.").tags("ops", "db").status(MemoryStatus.CANDIDATE).build();
    HitSummary s = Summaries.of(new Ranked(m, 0.42, List.of("vector", "fts"), 0.2, null), true);
    assertThat(s.memoryId()).isEqualTo(m.id());
    assertThat(s.score()).isEqualTo(0.42);
    assertThat(s.trustScore()).isEqualTo(0.2);
    assertThat(s.lowTrust()).isTrue();
    assertThat(s.status()).isEqualTo(MemoryStatus.CANDIDATE);
    assertThat(s.tags()).containsExactly("ops", "db");
    assertThat(s.provenance()).containsExactly("vector", "fts");
    assertThat(summary(mem(2, "Untagged.").build()).tags()).isEmpty();
  }
}
