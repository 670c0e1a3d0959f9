package io.appstoreetl.curation;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one SQL statement against the curated tables and prints its result.
 *
 * <p>Run it with {@code spark-submit --class io.appstoreetl.curation.QueryJob <jar> --catalog-uri
 * jdbc:sqlite:<path> --warehouse <URI or path> [--catalog-name lake] [--database appstore] --sql
 * "SQL" [--format table|tsv|jsonl] [--output FILE]}. Unqualified table names resolve in the
 * database. The result goes to {@code --output} or stdout; logs go to stderr. Exit code 0 on
 * success, 1 on failure, 2 on invalid arguments.
 */
public final class QueryJob {
  private static final Logger LOG = LoggerFactory.getLogger(QueryJob.class);

  private QueryJob() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) {
    QueryArguments arguments;
    try {
      arguments = QueryArguments.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(QueryArguments.USAGE);
      return CurationJob.EXIT_INVALID_ARGUMENTS;
    }

    SparkSession spark = SparkSessions.create("appstore-etl query");
    try {
      query(spark, arguments, out);
      return CurationJob.EXIT_OK;
    } catch (Exception e) {
      LOG.error("Query failed", e);
      return CurationJob.EXIT_FAILED;
    } finally {
      spark.stop();
    }
  }

  /**
   * Runs the statement and writes its rows to {@code --output}, or to {@code out} without it.
   *
   * @throws IOException if the output file cannot be written
   */
  public static void query(SparkSession spark, QueryArguments arguments, PrintStream out)
      throws IOException {
    SparkSessions.configureCatalog(spark, arguments.catalog());
    spark.sql(
        "USE " + quote(arguments.catalog().name()) + "." + quote(arguments.catalog().database()));

    Dataset<Row> result = spark.sql(arguments.sql());
    if (arguments.output() == null) {
      PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      QueryOutput.write(result.schema(), result.toLocalIterator(), arguments.format(), writer);
      return;
    }

    try (OutputStream file = new FileOutputStream(arguments.output());
        PrintWriter writer =
            new PrintWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8))) {
      QueryOutput.write(result.schema(), result.toLocalIterator(), arguments.format(), writer);
      if (writer.checkError()) {
        throw new IOException(
            "Cannot write query result: writing " + arguments.output() + " failed");
      }
    }
    LOG.info("Wrote query result to {}", arguments.output());
  }

  private static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }
}
