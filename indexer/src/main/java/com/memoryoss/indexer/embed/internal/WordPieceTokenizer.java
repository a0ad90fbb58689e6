package com.memoryoss.indexer.embed.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT WordPiece tokenizer built from a HuggingFace {@code tokenizer.json}, producing the same
 * ids as the reference (Rust) tokenizer for single sequences: special tokens matched in raw text,
 * {@link BertNormalizer}, BERT pre-tokenization (split on whitespace, isolate punctuation), greedy
 * longest-match WordPiece with a continuation prefix ({@code ##}), {@code [UNK]} for a word that
 * cannot be covered or has more than {@code max_input_chars_per_word} characters, then {@code
 * [CLS] … [SEP]} and right truncation to {@link #maxTokens()} (specials included).
 *
 * <p>Tokenization stops once the token budget is full, so a megabyte-long memory costs no more
 * than its first few hundred words.
 *
 * <p>Immutable and thread-safe.
 */
public final class WordPieceTokenizer {
  private final TokenizerSpec spec;
  private final BertNormalizer normalizer;
  private final Map<String, Integer> vocab;
  // Continuation entries keyed without their prefix, so lookups need no string concatenation.
  private final Map<String, Integer> continuations;
  private final int longestEntry;
  private final int maxTokens;

  /**
   * @param maxTokens the most tokens per sequence, {@code [CLS]} and {@code [SEP]} included; at
   *     least 2
   */
  public WordPieceTokenizer(TokenizerSpec spec, int maxTokens) {
    if (maxTokens < 2) {
      throw new IllegalArgumentException("maxTokens must be at least 2, was " + maxTokens);
    }
    this.spec = spec;
    this.normalizer = spec.normalizer();
    this.vocab = spec.vocab();
    this.maxTokens = maxTokens;
    Map<String, Integer> cont = new HashMap<>();
    int longest = 0;
    String prefix = spec.continuingPrefix();
    for (Map.Entry<String, Integer> e : vocab.entrySet()) {
      String token = e.getKey();
      longest = Math.max(longest, token.length());
      if (token.startsWith(prefix) && token.length() > prefix.length()) {
        cont.put(token.substring(prefix.length()), e.getValue());
      }
    }
    this.continuations = Map.copyOf(cont);
    this.longestEntry = longest;
  }

  /** Reads a {@code tokenizer.json}; see {@link TokenizerSpec#parse} for failures. */
  public static WordPieceTokenizer fromJson(InputStream json, int maxTokens) throws IOException {
    return new WordPieceTokenizer(TokenizerSpec.parse(json), maxTokens);
  }

  public int maxTokens() {
    return maxTokens;
  }

  public TokenizerSpec spec() {
    return spec;
  }

  /** Token ids of one text: {@code [CLS]}, at most {@code maxTokens - 2} tokens, {@code [SEP]}. */
  public int[] encode(String text) {
    IntBuffer out = new IntBuffer(Math.min(maxTokens, 16 + text.length() / 3));
    out.add(spec.clsId());
    int limit = maxTokens - 1;
    int start = 0;
    int i = 0;
    // Special tokens are cut out of the raw text first; the pieces between them are tokenized
    // on their own, as the reference does.
    while (i < text.length() && out.size() < limit) {
      TokenizerSpec.AddedToken special = specialAt(text, i);
      if (special == null) {
        i++;
        continue;
      }
      tokenizeSegment(text, start, i, out, limit);
      if (out.size() < limit) {
        out.add(special.id());
      }
      i += special.content().length();
      start = i;
    }
    tokenizeSegment(text, start, text.length(), out, limit);
    out.add(spec.sepId());
    return out.toArray();
  }

  /** Encodes texts and pads them into one batch; see {@link EncodedBatch}. */
  public EncodedBatch encodeBatch(List<String> texts) {
    return EncodedBatch.of(texts.stream().map(this::encode).toList(), spec.padId());
  }

  /** Leftmost-longest match of a special token at {@code i}, or null. */
  private TokenizerSpec.AddedToken specialAt(String text, int i) {
    TokenizerSpec.AddedToken best = null;
    for (TokenizerSpec.AddedToken t : spec.specialTokens()) {
      if (text.startsWith(t.content(), i)
          && (best == null || t.content().length() > best.content().length())) {
        best = t;
      }
    }
    return best;
  }

  /**
   * Tokenizes {@code text[from, to)} in pieces cut at ASCII whitespace. Those characters are
   * whitespace before and after normalization and normalization never looks across them, so
   * piecewise processing equals whole-text processing and can stop early.
   */
  private void tokenizeSegment(String text, int from, int to, IntBuffer out, int limit) {
    int pieceStart = from;
    for (int i = from; i <= to && out.size() < limit; i++) {
      if (i == to || isAsciiSpace(text.charAt(i))) {
        if (i > pieceStart) {
          tokenizeNormalized(normalizer.normalize(text.substring(pieceStart, i)), out, limit);
        }
        pieceStart = i + 1;
      }
    }
  }

  /** BERT pre-tokenization of normalized text, then WordPiece on every word. */
  private void tokenizeNormalized(String s, IntBuffer out, int limit) {
    int wordStart = 0;
    for (int i = 0; i < s.length() && out.size() < limit; ) {
      int cp = s.codePointAt(i);
      int n = Character.charCount(cp);
      if (BertNormalizer.isWhitespace(cp)) {
        wordPiece(s, wordStart, i, out, limit);
        wordStart = i + n;
      } else if (BertNormalizer.isPunctuation(cp)) {
        wordPiece(s, wordStart, i, out, limit);
        wordPiece(s, i, i + n, out, limit);
        wordStart = i + n;
      }
      i += n;
    }
    wordPiece(s, wordStart, s.length(), out, limit);
  }

  /** Greedy longest-match-first; a word with any uncoverable position becomes one unknown token. */
  private void wordPiece(String s, int from, int to, IntBuffer out, int limit) {
    if (from >= to || out.size() >= limit) {
      return;
    }
    if (s.codePointCount(from, to) > spec.maxInputCharsPerWord()) {
      out.add(spec.unkId());
      return;
    }
    int mark = out.size();
    int start = from;
    while (start < to) {
      Map<String, Integer> table = start == from ? vocab : continuations;
      int end = Math.min(to, start + longestEntry);
      if (end < to && Character.isLowSurrogate(s.charAt(end))) {
        end--;
      }
      Integer id = null;
      while (end > start) {
        id = table.get(s.substring(start, end));
        if (id != null) {
          break;
        }
        end--;
        if (end > start && Character.isLowSurrogate(s.charAt(end))) {
          end--;
        }
      }
      if (id == null) {
        out.truncate(mark);
        out.add(spec.unkId());
        return;
      }
      out.add(id);
      start = end;
    }
    // A long word may overshoot the budget; the reference truncates after tokenizing.
    out.truncate(Math.min(out.size(), limit));
  }

  private static boolean isAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /** Growable int array; boxing every token id would dominate tokenization time. */
  private static final class IntBuffer {
    private int[] a;
    private int size;

    IntBuffer(int capacity) {
      a = new int[Math.max(4, capacity)];
    }

    void add(int v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, a.length * 2);
      }
      a[size++] = v;
    }

    int size() {
      return size;
    }

    void truncate(int newSize) {
      size = newSize;
    }

    int[] toArray() {
      return Arrays.copyOf(a, size);
    }
  }
}
