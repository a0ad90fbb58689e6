package com.memoryoss.indexer;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * English analysis for memories and queries: Lucene's English chain (possessives, lower case,
 * Porter stemming) with a stop list extended by question and function words. A question such as
 * "what did Caroline say about her job?" then searches for what it is about ({@code caroline},
 * {@code job}), not for "what" and "did", which every conversation is full of.
 */
public final class MemoryAnalyzer extends Analyzer {
  static final CharArraySet STOP_WORDS;

  static {
    CharArraySet s = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
    s.addAll(List.of(
        "what", "when", "where", "which", "who", "whom", "whose", "why", "how",
        "did", "does", "do", "doing", "done", "has", "have", "had", "having",
        "can", "could", "would", "should", "shall", "may", "might", "must", "will",
        "i", "me", "my", "mine", "myself", "you", "your", "yours", "yourself",
        "he", "him", "his", "himself", "she", "her", "hers", "herself", "we", "us", "our",
        "ours", "its", "itself", "them", "themselves", "am", "been", "being", "were",
        "from", "about", "up", "down", "out", "over", "under", "again", "also", "just",
        "so", "than", "too", "very", "any", "some", "all", "each", "both", "more", "most",
        "other", "own", "same", "only", "here", "there", "ever", "get", "got", "tell",
        "know", "kind", "type", "thing", "things", "much", "many", "one", "ones", "lot",
        "like", "likes", "well", "yes", "yeah", "oh", "hey", "hi", "ok", "okay", "really"));
    STOP_WORDS = CharArraySet.unmodifiableSet(s);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new StandardTokenizer();
    TokenStream result = new EnglishPossessiveFilter(source);
    result = new LowerCaseFilter(result);
    result = new StopFilter(result, STOP_WORDS);
    result = new PorterStemFilter(result);
    return new TokenStreamComponents(source, result);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new LowerCaseFilter(in);
  }
}
