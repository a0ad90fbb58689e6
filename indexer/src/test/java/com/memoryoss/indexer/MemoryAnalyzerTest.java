package com.memoryoss.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tokenizer recall searches with: what a query is about, not its function words. */
class MemoryAnalyzerTest {
  private final TextIndex text = new TextIndex();

  @AfterEach
  void close() {
    text.close();
  }

  private List<String> terms(String s) {
    return List.copyOf(text.terms(s));
  }

  @Test
  void aQuestionIsReducedToWhatItIsAbout() {
    assertThat(terms("What did Caroline say about her job?"))
        .containsExactlyElementsOf(terms("caroline say job"))
        .hasSize(3);
  }

  @Test
  void aQuestionMadeOnlyOfFunctionWordsHasNoTerms() {
    assertThat(terms("What did you do there? Yes, I would have, really!")).isEmpty();
    assertThat(terms("")).isEmpty();
  }

  @Test
  void wordFormsShareOneStem() {
    assertThat(terms("hiking")).containsExactly("hike");
    assertThat(terms("hikes")).containsExactly("hike");
    assertThat(terms("running runs")).containsExactly("run");
  }

  @Test
  void caseAndPossessivesDoNotMatter() {
    assertThat(terms("Caroline's GARDEN")).isEqualTo(terms("caroline garden"));
  }

  @Test
  void termsAreDistinctAndInOrderOfFirstAppearance() {
    assertThat(terms("zebra apple zebra mango apple")).containsExactly("zebra", "appl", "mango");
  }

  @Test
  void identifiersSurviveAsOneToken() {
    assertThat(terms("DATABASE_URL")).containsExactly("database_url");
  }

  @Test
  void theExtendedStopListIsAppliedOnTopOfLucenesEnglishList() {
    assertThat(MemoryAnalyzer.STOP_WORDS.contains("the")).isTrue();
    assertThat(MemoryAnalyzer.STOP_WORDS.contains("what")).isTrue();
    assertThat(MemoryAnalyzer.STOP_WORDS.contains("yes")).isTrue();
    assertThat(MemoryAnalyzer.STOP_WORDS.contains("WHAT")).isTrue(); // ignore case
    assertThat(MemoryAnalyzer.STOP_WORDS.contains("sunday")).isFalse();
  }
}
