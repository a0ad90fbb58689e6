package com.memoryoss.indexer.embed.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What a BERT-style HuggingFace {@code tokenizer.json} says, reduced to what {@link
 * WordPieceTokenizer} needs. Only the shape BERT models use is accepted (BertNormalizer,
 * BertPreTokenizer, WordPiece, a {@code [CLS] A [SEP]} post-processor); anything else is rejected
 * when the model loads rather than silently tokenized differently from the reference.
 *
 * @param vocab token to id, including the {@code ##} continuation entries
 * @param specialTokens added tokens matched verbatim in raw text before normalization, as the
 *     reference does (so a literal {@code [SEP]} in a memory becomes the separator id)
 * @param truncation the JSON's {@code truncation.max_length}, if it sets one
 */
public record TokenizerSpec(
    BertNormalizer normalizer,
    Map<String, Integer> vocab,
    String continuingPrefix,
    int unkId,
    int maxInputCharsPerWord,
    int clsId,
    int sepId,
    int padId,
    List<AddedToken> specialTokens,
    OptionalInt truncation) {

  /** An added token matched in raw text; all its matching flags are off, so it matches anywhere. */
  public record AddedToken(String content, int id) {}

  public TokenizerSpec {
    vocab = Map.copyOf(vocab);
    specialTokens = List.copyOf(specialTokens);
  }

  /**
   * Parses a {@code tokenizer.json}.
   *
   * @throws IOException if it cannot be read or is not JSON
   * @throws IllegalArgumentException if it describes a tokenizer this class cannot reproduce
   */
  public static TokenizerSpec parse(InputStream json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("tokenizer.json is not a JSON object");
    }

    JsonNode model = root.path("model");
    require("WordPiece".equals(model.path("type").asText()), "model.type must be WordPiece");
    Map<String, Integer> vocab = new HashMap<>();
    model.path("vocab").properties().forEach(e -> vocab.put(e.getKey(), e.getValue().asInt()));
    require(!vocab.isEmpty(), "model.vocab is empty");
    String unk = model.path("unk_token").asText("[UNK]");
    String prefix = model.path("continuing_subword_prefix").asText("##");
    int maxChars = model.path("max_input_chars_per_word").asInt(100);

    JsonNode norm = root.path("normalizer");
    require(
        "BertNormalizer".equals(norm.path("type").asText()), "normalizer must be BertNormalizer");
    boolean lowercase = norm.path("lowercase").asBoolean(true);
    JsonNode strip = norm.path("strip_accents");
    BertNormalizer normalizer =
        new BertNormalizer(
            norm.path("clean_text").asBoolean(true),
            norm.path("handle_chinese_chars").asBoolean(true),
            strip.isBoolean() ? strip.asBoolean() : lowercase,
            lowercase);

    require(
        "BertPreTokenizer".equals(root.path("pre_tokenizer").path("type").asText()),
        "pre_tokenizer must be BertPreTokenizer");

    int[] clsSep = clsAndSep(root.path("post_processor"), vocab);

    JsonNode trunc = root.path("truncation");
    OptionalInt truncation = OptionalInt.empty();
    if (trunc.isObject()) {
      require(
          "Right".equals(trunc.path("direction").asText("Right")),
          "only right truncation is supported");
      truncation = OptionalInt.of(trunc.path("max_length").asInt());
    }
    JsonNode pad = root.path("padding");
    int padId = pad.isObject() ? pad.path("pad_id").asInt() : vocab.getOrDefault("[PAD]", 0);

    List<AddedToken> added = new ArrayList<>();
    for (JsonNode t : root.path("added_tokens")) {
      String content = t.path("content").asText();
      require(
          !t.path("normalized").asBoolean()
              && !t.path("lstrip").asBoolean()
              && !t.path("rstrip").asBoolean()
              && !t.path("single_word").asBoolean(),
          "added token " + content + " uses matching flags that are not supported");
      require(!content.isEmpty(), "empty added token");
      added.add(new AddedToken(content, t.path("id").asInt()));
    }

    return new TokenizerSpec(
        normalizer,
        vocab,
        prefix,
        id(vocab, unk),
        maxChars,
        clsSep[0],
        clsSep[1],
        padId,
        added,
        truncation);
  }

  /** Ids of the tokens wrapped around a single sequence: TemplateProcessing or BertProcessing. */
  private static int[] clsAndSep(JsonNode post, Map<String, Integer> vocab) {
    String type = post.path("type").asText();
    if ("BertProcessing".equals(type)) {
      return new int[] {post.path("cls").path(1).asInt(), post.path("sep").path(1).asInt()};
    }
    require("TemplateProcessing".equals(type), "post_processor must be TemplateProcessing");
    JsonNode single = post.path("single");
    require(
        single.size() == 3
            && single.path(0).has("SpecialToken")
            && single.path(1).has("Sequence")
            && single.path(2).has("SpecialToken"),
        "post_processor.single must be [special] A [special]");
    return new int[] {
      special(post, single.path(0).path("SpecialToken").path("id").asText(), vocab),
      special(post, single.path(2).path("SpecialToken").path("id").asText(), vocab)
    };
  }

  private static int special(JsonNode post, String name, Map<String, Integer> vocab) {
    JsonNode ids = post.path("special_tokens").path(name).path("ids");
    require(ids.size() <= 1, "special token " + name + " must be a single id");
    return ids.size() == 1 ? ids.path(0).asInt() : id(vocab, name);
  }

  private static int id(Map<String, Integer> vocab, String token) {
    Integer id = vocab.get(token);
    require(id != null, "token " + token + " is not in the vocabulary");
    return id;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("unsupported tokenizer.json: " + message);
    }
  }
}
