package io.appstoreetl.curation.load;

import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Sums the {@code search_terms} rows of Apple's report rows per table key.
 *
 * <p>Apple sends one report row per term, keyword, ad group and country, and a term can span
 * several pages, so the parser's rows are summed here over the whole run. The key is the table's
 * key ({@code app_apple_id}, {@code metric_date}, {@code campaign_id}, {@code search_term}, {@code
 * search_term_source}, {@code country}, {@code undisclosed}, {@code spend_currency}); amounts in
 * different currencies are never added. Every row of a campaign and day comes from the one unit
 * that wins them, so the lineage columns agree within a key except {@code source_file}, which keeps
 * the smallest key: the unit's first page ({@code page=0001.json} sorts before {@code
 * page=0002.json}).
 */
public final class SearchTermTotals {
  private static final TableDefinition TABLE = Tables.SEARCH_TERMS;
  private static final int[] KEY = indexes(TABLE.keyColumns());
  private static final int[] COUNTS = indexes(List.of("impressions", "taps", "installs"));
  private static final int SPEND = TABLE.indexOf("spend");
  private static final int SOURCE_FILE = TABLE.indexOf("source_file");

  private SearchTermTotals() {}

  /** Returns one row per key of {@code rows}, with the counts and spend summed. */
  public static JavaRDD<Object[]> sum(JavaRDD<Object[]> rows) {
    return rows.mapToPair(row -> new Tuple2<>(key(row), row))
        .reduceByKey(SearchTermTotals::add)
        .values();
  }

  /** Returns the key of a row as a list of its key values, nulls included. */
  static List<Object> key(Object[] row) {
    List<Object> key = new ArrayList<>(KEY.length);
    for (int index : KEY) {
      key.add(row[index]);
    }

    return key;
  }

  /** Returns a new row whose counts and spend are the sums of {@code a} and {@code b}. */
  static Object[] add(Object[] a, Object[] b) {
    Object[] sum = Arrays.copyOf(a, a.length);
    for (int index : COUNTS) {
      sum[index] = (Long) a[index] + (Long) b[index];
    }
    sum[SPEND] = ((BigDecimal) a[SPEND]).add((BigDecimal) b[SPEND]);
    String fileA = (String) a[SOURCE_FILE];
    String fileB = (String) b[SOURCE_FILE];
    sum[SOURCE_FILE] = fileA.compareTo(fileB) <= 0 ? fileA : fileB;

    return sum;
  }

  private static int[] indexes(List<String> columns) {
    int[] indexes = new int[columns.size()];
    for (int i = 0; i < indexes.length; i++) {
      indexes[i] = TABLE.indexOf(columns.get(i));
    }

    return indexes;
  }
}
