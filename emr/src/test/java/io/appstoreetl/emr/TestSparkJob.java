package io.appstoreetl.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestSparkJob {

  static final SparkJob JOB =
      new SparkJob(
          "io.appstoreetl.curation.CurationJob",
          orderedMap(
              "spark.jars",
              "/usr/share/aws/iceberg/lib/iceberg-spark3-runtime.jar",
              "spark.sql.defaultCatalog",
              "lake"),
          "s3://b/jars/job.jar",
          List.of("--raw-root", "s3://b/raw", "--from", "2025-03-01", "--to", "2025-03-02"));

  @Test
  void sparkSubmitParametersListClassAndConf() {
    assertThat(JOB.sparkSubmitParameters())
        .isEqualTo(
            "--class io.appstoreetl.curation.CurationJob"
                + " --conf spark.jars=/usr/share/aws/iceberg/lib/iceberg-spark3-runtime.jar"
                + " --conf spark.sql.defaultCatalog=lake");
  }

  @Test
  void sparkSubmitArgumentsInSubmitOrder() {
    assertThat(JOB.sparkSubmitArguments())
        .containsExactly(
            "--class",
            "io.appstoreetl.curation.CurationJob",
            "--conf",
            "spark.jars=/usr/share/aws/iceberg/lib/iceberg-spark3-runtime.jar",
            "--conf",
            "spark.sql.defaultCatalog=lake",
            "s3://b/jars/job.jar",
            "--raw-root",
            "s3://b/raw",
            "--from",
            "2025-03-01",
            "--to",
            "2025-03-02");
  }

  @Test
  void withConfSwitchesCatalogOnly() {
    Map<String, String> local =
        CatalogSettings.localJdbc("lake", "jdbc:sqlite:/l/catalog.db", "file:/l/warehouse/");

    SparkJob localJob = JOB.withConf(local).withEntryPoint("/build/job.jar");

    assertThat(localJob.conf()).isEqualTo(local);
    assertThat(localJob.entryPoint()).isEqualTo("/build/job.jar");
    assertThat(localJob.entryPointArguments()).isEqualTo(JOB.entryPointArguments());
    assertThat(localJob.mainClass()).isEqualTo(JOB.mainClass());
  }

  @Test
  void withArgumentReplacesValue() {
    SparkJob job = JOB.withArgument("--raw-root", "s3a://b/raw");

    assertThat(job.entryPointArguments())
        .containsExactly("--raw-root", "s3a://b/raw", "--from", "2025-03-01", "--to", "2025-03-02");
  }

  @Test
  void withArgumentRejectsMissingOption() {
    assertThatThrownBy(() -> JOB.withArgument("--tables", "sales"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot replace --tables: the job's arguments [--raw-root, s3://b/raw, --from,"
                + " 2025-03-01, --to, 2025-03-02] do not contain it");
  }

  @Test
  void confWithWhitespaceRejected() {
    assertThatThrownBy(() -> JOB.withConf(Map.of("spark.driver.extraJavaOptions", "-Da=1 -Db=2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid Spark conf: spark.driver.extraJavaOptions=-Da=1 -Db=2 (expected a key without"
                + " '=' and a value, both without whitespace or quotes)");
  }

  @Test
  void confWithQuoteRejected() {
    assertThatThrownBy(() -> JOB.withConf(Map.of("spark.app.name", "\"curation\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid Spark conf: spark.app.name=\"curation\"");
  }

  @Test
  void parametersOverLimitRejected() {
    Map<String, String> conf = new LinkedHashMap<>();
    for (int i = 0; i < 2000; i++) {
      conf.put("spark.custom.key" + i, "x".repeat(40));
    }

    assertThatThrownBy(() -> JOB.withConf(conf))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageMatching(
            "Invalid Spark conf: sparkSubmitParameters would have [0-9]+ characters \\(expected at"
                + " most 102400\\)");
  }

  static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
