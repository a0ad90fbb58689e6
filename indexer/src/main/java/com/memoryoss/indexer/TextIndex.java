package com.memoryoss.indexer;

import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A namespace's BM25 index over content and tags, held in memory only (nothing of it reaches the
 * disk, so it never undermines encryption at rest). Metadata fields back exact filters, so a
 * filtered recall searches only matching memories instead of post-filtering a global top-k.
 *
 * <p>Thread-safety: writes and searches may run concurrently from any thread. A search sees every
 * write that returned before it started.
 */
public final class TextIndex implements AutoCloseable {
  private static final String ID = "id";
  private static final String ID_HIGH = "id_high";
  private static final String ID_LOW = "id_low";
  private static final String TEXT = "text";
  private static final String CTX = "ctx";
  private static final String IDENT = "ident";
  /** How much a memory's session neighbours count, relative to its own text. */
  static final float CONTEXT_BOOST = 0.35f;
  private static final String AGENT = "agent";
  private static final String SESSION = "session";
  private static final String TYPE = "type";
  private static final String TAG = "tag";
  private static final String CREATED = "created";

  private final Analyzer analyzer = new MemoryAnalyzer();
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private volatile boolean dirty;

  public TextIndex() {
    try {
      IndexWriterConfig config = new IndexWriterConfig(analyzer);
      config.setRAMBufferSizeMB(64);
      writer = new IndexWriter(new ByteBuffersDirectory(), config);
      searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds or replaces a memory. {@code context} is the text of its neighbours in the same session
   * (searched with a lower weight); archived memories are removed instead.
   */
  public void upsert(Memory m, String context) {
    if (m.archived()) {
      remove(m.id());
      return;
    }
    write(m, context, true);
  }

  /** Adds a memory known not to be indexed yet (cheaper than {@link #upsert}). */
  public void add(Memory m, String context) {
    if (!m.archived()) {
      write(m, context, false);
    }
  }

  private void write(Memory m, String context, boolean replace) {
    Document doc = new Document();
    doc.add(new StringField(ID, m.id().toString(), Field.Store.NO));
    // Hits read their id from doc values: stored fields would decompress a block per hit.
    doc.add(new NumericDocValuesField(ID_HIGH, m.id().getMostSignificantBits()));
    doc.add(new NumericDocValuesField(ID_LOW, m.id().getLeastSignificantBits()));
    doc.add(new TextField(TEXT, m.content(), Field.Store.NO));
    if (context != null && !context.isEmpty()) {
      doc.add(new TextField(CTX, context, Field.Store.NO));
    }
    StringBuilder all = new StringBuilder(m.content());
    for (String tag : m.tags()) {
      doc.add(new TextField(TEXT, tag, Field.Store.NO));
      doc.add(new StringField(TAG, tag, Field.Store.NO));
      all.append(' ').append(tag);
    }
    for (String ident : Identifiers.of(all.toString())) {
      doc.add(new StringField(IDENT, ident, Field.Store.NO));
    }
    if (m.agent() != null) {
      doc.add(new StringField(AGENT, m.agent(), Field.Store.NO));
    }
    if (m.session() != null) {
      doc.add(new StringField(SESSION, m.session(), Field.Store.NO));
    }
    doc.add(new StringField(TYPE, m.memoryType().wireName(), Field.Store.NO));
    doc.add(new LongPoint(CREATED, nanos(m.createdAt())));
    try {
      if (replace) {
        writer.updateDocument(new Term(ID, m.id().toString()), doc);
      } else {
        writer.addDocument(doc);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    dirty = true;
  }

  /** Nanoseconds since the epoch, saturating (a long spans the years 1677 to 2262). */
  private static long nanos(java.time.Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (ArithmeticException outOfRange) {
      return t.getEpochSecond() < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE - 1;
    }
  }

  public void remove(UUID id) {
    try {
      writer.deleteDocuments(new Term(ID, id.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    dirty = true;
  }

  /** Drops every document. */
  public void clear() {
    try {
      writer.deleteAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    dirty = true;
  }

  /**
   * The {@code k} best BM25 matches of the query's terms among memories matching the filter, best
   * first. A query with no indexable terms (only stop words, say) matches nothing.
   */
  public List<Hit> search(String query, MemoryFilter filter, int k) {
    Set<String> terms = terms(query);
    if (terms.isEmpty()) {
      return List.of();
    }
    BooleanQuery.Builder text = new BooleanQuery.Builder();
    for (String term : terms) {
      text.add(new TermQuery(new Term(TEXT, term)), Occur.SHOULD);
      text.add(new BoostQuery(new TermQuery(new Term(CTX, term)), CONTEXT_BOOST), Occur.SHOULD);
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder().add(text.build(), Occur.MUST);
    addFilter(q, filter);
    return run(q.build(), k);
  }

  /**
   * Memories containing the given identifiers literally, scored by the share of the query's
   * identifier weight they match, where rare identifiers weigh more (BM25-style IDF over this
   * namespace). Scores are in (0, 1].
   */
  public List<Hit> identifierSearch(Set<String> identifiers, MemoryFilter filter, int k) {
    if (identifiers.isEmpty()) {
      return List.of();
    }
    try {
      refreshIfDirty();
      IndexSearcher searcher = searchers.acquire();
      try {
        int n = Math.max(1, searcher.getIndexReader().numDocs());
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        double total = 0;
        for (String ident : identifiers) {
          Term t = new Term(IDENT, ident);
          int df = searcher.getIndexReader().docFreq(t);
          if (df > 0) {
            // Identifiers no memory has say nothing about which memory fits better.
            double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
            total += idf;
            any.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(t)), (float) idf),
                Occur.SHOULD);
          }
        }
        if (total <= 0) {
          return List.of();
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder().add(any.build(), Occur.MUST);
        addFilter(q, filter);
        List<Hit> raw = search(searcher, q.build(), k);
        List<Hit> scaled = new ArrayList<>(raw.size());
        for (Hit h : raw) {
          scaled.add(new Hit(h.id(), (float) Math.min(1.0, h.score() / total)));
        }
        return scaled;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Analyzed, de-duplicated terms of a text, in order. */
  public Set<String> terms(String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream(TEXT, text)) {
      CharTermAttribute attr = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        terms.add(attr.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }

  private static void addFilter(BooleanQuery.Builder q, MemoryFilter f) {
    if (f.agent() != null) {
      q.add(new TermQuery(new Term(AGENT, f.agent())), Occur.FILTER);
    }
    if (f.session() != null) {
      q.add(new TermQuery(new Term(SESSION, f.session())), Occur.FILTER);
    }
    if (f.memoryType() != null) {
      q.add(new TermQuery(new Term(TYPE, f.memoryType().wireName())), Occur.FILTER);
    }
    if (!f.tags().isEmpty()) {
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      for (String tag : f.tags()) {
        any.add(new TermQuery(new Term(TAG, tag)), Occur.SHOULD);
      }
      q.add(any.setMinimumNumberShouldMatch(1).build(), Occur.FILTER);
    }
    if (f.before() != null || f.after() != null) {
      // Exclusive bounds at full precision, exactly as MemoryFilter compares Instants.
      long lo = f.after() == null ? Long.MIN_VALUE : nanos(f.after()) + 1;
      long hi = f.before() == null ? Long.MAX_VALUE : nanos(f.before()) - 1;
      q.add(LongPoint.newRangeQuery(CREATED, lo, hi), Occur.FILTER);
    }
  }

  private List<Hit> run(Query query, int k) {
    try {
      refreshIfDirty();
      IndexSearcher searcher = searchers.acquire();
      try {
        return search(searcher, query, k);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void refreshIfDirty() throws IOException {
    if (dirty) {
      dirty = false;
      searchers.maybeRefreshBlocking();
    }
  }

  private static List<Hit> search(IndexSearcher searcher, Query query, int k) throws IOException {
    ScoreDoc[] docs = searcher.search(query, Math.max(1, k)).scoreDocs;
    // Doc values iterate forwards: read the ids in doc order, answer in score order.
    Integer[] byDoc = new Integer[docs.length];
    for (int i = 0; i < docs.length; i++) {
      byDoc[i] = i;
    }
    java.util.Arrays.sort(byDoc, java.util.Comparator.comparingInt(i -> docs[i].doc));
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    UUID[] ids = new UUID[docs.length];
    LeafReaderContext leaf = null;
    NumericDocValues high = null;
    NumericDocValues low = null;
    for (int i : byDoc) {
      int doc = docs[i].doc;
      if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
        leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        high = leaf.reader().getNumericDocValues(ID_HIGH);
        low = leaf.reader().getNumericDocValues(ID_LOW);
      }
      int local = doc - leaf.docBase;
      if (high != null && low != null && high.advanceExact(local) && low.advanceExact(local)) {
        ids[i] = new UUID(high.longValue(), low.longValue());
      }
    }
    List<Hit> hits = new ArrayList<>(docs.length);
    for (int i = 0; i < docs.length; i++) {
      if (ids[i] != null) {
        hits.add(new Hit(ids[i], docs[i].score));
      }
    }
    return hits;
  }

  /** Number of searchable documents (after pending writes are refreshed). */
  public int size() {
    try {
      searchers.maybeRefreshBlocking();
      IndexSearcher s = searchers.acquire();
      try {
        return s.getIndexReader().numDocs();
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One match: the memory and its raw BM25 score. */
  public record Hit(UUID id, float score) {}
}
