package io.appstoreetl.curation.load;

import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Keeps one version of each review: the one from the latest landing.
 *
 * <p>Landings are ordered by {@code landed_at}, then by {@code source_file}. Within a run, {@link
 * #latest} keeps one row per review id. A review whose {@code createdDate} changed between landings
 * can also have an older version in a metric date the run did not recompute; {@link
 * #deleteSuperseded} removes such versions from the whole table, which has one row per review and
 * stays small.
 */
public final class ReviewVersions {
  private static final TableDefinition TABLE = Tables.REVIEWS;
  private static final int REVIEW_ID = TABLE.indexOf("review_id");
  private static final int LANDED_AT = TABLE.indexOf("landed_at");
  private static final int SOURCE_FILE = TABLE.indexOf("source_file");

  private ReviewVersions() {}

  /** Returns one row per review id, the latest landing's. */
  public static JavaRDD<Object[]> latest(JavaRDD<Object[]> rows) {
    return rows.mapToPair(row -> new Tuple2<>((String) row[REVIEW_ID], row))
        .reduceByKey(ReviewVersions::later)
        .values();
  }

  /** Deletes every row of a review id that a later landing of the same id supersedes. */
  public static void deleteSuperseded(IcebergTables tables) {
    String name = tables.qualifiedName(TABLE);
    List<Row> versions =
        tables
            .spark()
            .sql(
                "SELECT review_id, landed_at, source_file FROM "
                    + name
                    + " WHERE review_id IN (SELECT review_id FROM "
                    + name
                    + " GROUP BY review_id HAVING count(*) > 1)")
            .collectAsList();
    if (versions.isEmpty()) {
      return;
    }

    Map<String, Row> latest = new HashMap<>();
    for (Row version : versions) {
      latest.merge(version.getString(0), version, ReviewVersions::laterRow);
    }
    List<String> superseded = new ArrayList<>();
    for (Row version : versions) {
      if (latest.get(version.getString(0)) != version) {
        superseded.add(
            "(review_id = "
                + SparkSchemas.literal(version.getString(0))
                + " AND source_file = "
                + SparkSchemas.literal(version.getString(2))
                + ")");
      }
    }
    tables.delete(TABLE, String.join(" OR ", superseded));
  }

  private static Object[] later(Object[] a, Object[] b) {
    int byTime = ((LocalDateTime) a[LANDED_AT]).compareTo((LocalDateTime) b[LANDED_AT]);
    if (byTime != 0) {
      return byTime > 0 ? a : b;
    }

    return ((String) a[SOURCE_FILE]).compareTo((String) b[SOURCE_FILE]) >= 0 ? a : b;
  }

  private static Row laterRow(Row a, Row b) {
    int byTime = ((LocalDateTime) a.get(1)).compareTo((LocalDateTime) b.get(1));
    if (byTime != 0) {
      return byTime > 0 ? a : b;
    }

    return a.getString(2).compareTo(b.getString(2)) >= 0 ? a : b;
  }
}
