package com.memoryoss.indexer.embed.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with the reference: the HuggingFace Rust tokenizer (through DJL, test scope only, run
 * offline with tracking opted out by the surefire configuration) must give the same ids for every
 * probe, on every shipped model's tokenizer.json.
 */
class WordPieceTokenizerTest {
  static {
    // Surefire sets these too; repeated here for runs from an IDE. DJL reads them when the first
    // reference tokenizer is created, which would otherwise call home synchronously.
    System.setProperty("OPT_OUT_TRACKING", "true");
    System.setProperty("ai.djl.offline", "true");
  }

  private static final List<String> TOKENIZERS =
      List.of("all-minilm-l6-v2-tokenizer.json", "e5-small-v2-q-tokenizer.json",
          "bge-small-en-v1.5-q-tokenizer.json");

  static final List<String> PROBES =
      List.of(
          "The cat sits on the mat",
          "",
          "   ",
          "  leading and trailing  ",
          // accents and case
          "café",
          "naïve résumé",
          "Ångström",
          "CAFÉ CRÈME BRÛLÉE",
          "Straße and STRASSE",
          "İstanbul",
          "ΣΊΣΥΦΟΣ ΟΔΟΣ",
          "Ærøskøbing Dvořák Łódź",
          "combining a\u0301 e\u0300 o\u0308\u0304",
          // CJK and other scripts
          "日本語のテキスト",
          "中文分词测试，句号。",
          "한국어 텍스트",
          "ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３",
          "\uD840\uDC00 \uD86D\uDF40 \uF900\uFA0E",
          "Привет, мир! Ёлка",
          "مرحبا بالعالم",
          "हिन्दी पाठ",
          // emoji
          "👍🏽 great",
          "🧠 memory",
          "👨\u200D👩\u200D👧 family",
          "flag 🇩🇪 ok 🤖!",
          // punctuation, e-mail, currency, code
          "a@b.com",
          "$5.00",
          "3.14%",
          "€100 £5 ¥500 ₹20",
          "C++ & C# <b>bold</b> x<=y>=z ^_^ `code` |pipe| ~tilde",
          "http://example.com/path?q=1&x=y#frag",
          "snake_case_name and kebab-case-name",
          "e.g., i.e. «quoted» “smart quotes” ‘single’ em—dash 10–20 …",
          "~/src/main.rs:42 user_id=42; path=/var/log/syslog",
          "Mémoire d'un agent: l'IA 🤖 se souvient!",
          // long words
          "x".repeat(150),
          "word " + "é".repeat(101) + " end",
          "a".repeat(100) + " " + "b".repeat(101),
          "pneumonoultramicroscopicsilicovolcanoconiosis antidisestablishmentarianism",
          "unbelievablyunrecognizablewordthatneedspieces",
          // whitespace and control characters
          "tab\there\nnewline\r\nCRLF",
          "nbsp\u00A0space thin\u2009space ideographic\u3000space",
          "zero\u200Bwidth soft\u00ADhyphen bom\uFEFFstart",
          "vt\u000Bff\u000Cnel\u0085x",
          "bell\u0007char null\u0000byte replacement\uFFFDchar",
          "line\u2028sep para\u2029sep",
          "private\uE000use",
          // special tokens written in the text
          "hello [SEP] world",
          "[CLS][MASK]x[PAD]",
          "[unk] is not [UNK]",
          "[SEP",
          // truncation material (only cut when a limit applies)
          "memory ".repeat(300),
          "un" + "believable".repeat(30) + " " + "tokens ".repeat(200));

  static Stream<Arguments> probes() {
    List<Arguments> args = new ArrayList<>();
    for (String json : TOKENIZERS) {
      for (String probe : PROBES) {
        args.add(Arguments.of(json, probe));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("probes")
  void givesTheReferenceIdsWithoutTruncation(String json, String text) {
    assertParity(json, text, 4096);
  }

  @ParameterizedTest(name = "{0}: limit {1}")
  @MethodSource("limits")
  void truncatesLikeTheReference(String json, int limit) {
    for (String text : PROBES) {
      assertParity(json, text, limit);
    }
  }

  static Stream<Arguments> limits() {
    return TOKENIZERS.stream()
        .flatMap(j -> Stream.of(2, 3, 7, 128, 256, 512).map(n -> Arguments.of(j, n)));
  }

  @Test
  void readsTheLimitFromTheJsonWhenItHasOne() throws IOException {
    try (InputStream in = resource("all-minilm-l6-v2-tokenizer.json")) {
      assertThat(TokenizerSpec.parse(in).truncation()).hasValue(128);
    }
    try (InputStream in = resource("e5-small-v2-q-tokenizer.json")) {
      assertThat(TokenizerSpec.parse(in).truncation()).isEmpty();
    }
  }

  @Test
  void stopsTokenizingOnceTheBudgetIsFull() {
    WordPieceTokenizer tokenizer = tokenizer("e5-small-v2-q-tokenizer.json", 16);
    int[] ids = tokenizer.encode("memory ".repeat(2_000_000));
    assertThat(ids).hasSize(16).startsWith(101).endsWith(102);
  }

  @Test
  void dropsLoneSurrogatesWhichTheReferenceCanNeverReceive() {
    WordPieceTokenizer tokenizer = tokenizer("e5-small-v2-q-tokenizer.json", 512);
    assertThat(tokenizer.encode("broken\uD800text \uDC00ok"))
        .containsExactly(tokenizer.encode("brokentext ok"));
  }

  @Test
  void padsABatchAndMasksThePadding() {
    WordPieceTokenizer tokenizer = tokenizer("e5-small-v2-q-tokenizer.json", 512);
    EncodedBatch batch = tokenizer.encodeBatch(List.of("a cat", "the cat sat on the mat"));
    assertThat(batch.rows()).isEqualTo(2);
    assertThat(batch.columns()).isEqualTo(8);
    assertThat(batch.length(0)).isEqualTo(4);
    assertThat(batch.length(1)).isEqualTo(8);
    assertThat(Arrays.copyOfRange(batch.inputIds(), 4, 8)).containsOnly(0L);
    assertThat(Arrays.copyOfRange(batch.attentionMask(), 0, 8))
        .containsExactly(1, 1, 1, 1, 0, 0, 0, 0);
    assertThat(batch.tokenTypeIds()).containsOnly(0L);
  }

  @Test
  void rejectsTokenizersItCannotReproduce() {
    byte[] bpe = "{\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0}}}".getBytes(UTF_8);
    assertThatThrownBy(() -> TokenizerSpec.parse(new ByteArrayInputStream(bpe)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WordPiece");
  }

  private static void assertParity(String json, String text, int limit) {
    int[] ours = tokenizer(json, limit).encode(text);
    long[] reference = reference(json, limit).encode(text).getIds();
    assertThat(ours)
        .as("ids of %s (limit %d)", text, limit)
        .containsExactly(Arrays.stream(reference).mapToInt(Math::toIntExact).toArray());
  }

  // Parsing a tokenizer.json takes tens of milliseconds; the probes would parse it 1500 times.
  private static final Map<String, TokenizerSpec> SPECS = new ConcurrentHashMap<>();
  private static final Map<String, WordPieceTokenizer> OURS = new ConcurrentHashMap<>();
  private static final Map<String, HuggingFaceTokenizer> REFERENCES = new ConcurrentHashMap<>();

  private static WordPieceTokenizer tokenizer(String json, int limit) {
    TokenizerSpec spec = SPECS.computeIfAbsent(json, WordPieceTokenizerTest::spec);
    return OURS.computeIfAbsent(json + "@" + limit, k -> new WordPieceTokenizer(spec, limit));
  }

  private static TokenizerSpec spec(String json) {
    try (InputStream in = resource(json)) {
      return TokenizerSpec.parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HuggingFaceTokenizer reference(String json, int limit) {
    return REFERENCES.computeIfAbsent(
        json + "@" + limit,
        k -> {
          try (InputStream in = resource(json)) {
            return HuggingFaceTokenizer.newInstance(
                in,
                Map.of(
                    "truncation", "true",
                    "padding", "false",
                    "maxLength", Integer.toString(limit),
                    "modelMaxLength", Integer.toString(limit)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @AfterAll
  static void closeReferences() {
    REFERENCES.values().forEach(HuggingFaceTokenizer::close);
  }

  private static InputStream resource(String name) {
    InputStream in = WordPieceTokenizerTest.class.getClassLoader().getResourceAsStream(name);
    assertThat(in).as("%s on the test classpath", name).isNotNull();
    return in;
  }
}
