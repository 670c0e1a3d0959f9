package io.appstoreetl.launcher;

import io.appstoreetl.emr.CatalogSettings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the Spark job in its own JVM through {@code org.apache.spark.deploy.SparkSubmit}, the
 * class behind {@code spark-submit}, so that the launcher runs the job exactly as a Spark
 * installation would.
 */
final class SparkJobRunner {

  static final String CURATION_JOB = "io.appstoreetl.curation.CurationJob";
  static final String QUERY_JOB = "io.appstoreetl.curation.QueryJob";

  /** JVM options that Spark 3.5 needs on Java 17. */
  static final List<String> JAVA17_OPENS =
      List.of(
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED");

  private final EtlHome home;
  private final ProcessRunner processRunner;
  private final String master;
  private final Map<String, String> environment;

  SparkJobRunner(EtlHome home, ProcessRunner processRunner, String master) {
    this(home, processRunner, master, Map.of());
  }

  /** With {@code environment} added to the job process's environment (tests use it). */
  SparkJobRunner(
      EtlHome home, ProcessRunner processRunner, String master, Map<String, String> environment) {
    this.home = home;
    this.processRunner = processRunner;
    this.master = master;
    this.environment = Map.copyOf(environment);
  }

  ProcessRunner.Result run(String mainClass, Lake lake, List<String> jobArguments) {
    List<String> submitArguments = new ArrayList<>();
    submitArguments.add("--conf");
    submitArguments.add("spark.sql.shuffle.partitions=8");
    s3Conf(lake)
        .forEach(
            (key, value) -> {
              submitArguments.add("--conf");
              submitArguments.add(key + "=" + value);
            });
    submitArguments.add("--class");
    submitArguments.add(mainClass);
    submitArguments.add(home.jobJar().toString());
    submitArguments.addAll(catalogArguments(lake));
    submitArguments.addAll(jobArguments);
    if (mainClass.equals(CURATION_JOB)
        && lake.s3Lake() != null
        && !jobArguments.contains("--model-root")) {
      // A local job cannot write the topic models to S3: MLlib saves through s3a, whose writes
      // fail against S3-compatible servers such as S3Proxy. They stay in the local lake folder,
      // beside the catalog database that a lake on S3 keeps there too.
      submitArguments.add("--model-root");
      submitArguments.add(
          lake.root().resolve("models").resolve("review-topics").toUri().toString());
    }
    Map<String, String> environment =
        lake.s3Access() == null ? Map.of() : lake.s3Access().environment();
    return submit(submitArguments, lake.root(), environment);
  }

  /**
   * Returns the Spark conf for S3: {@code s3a://} reads when the lake has S3 access, and the JDBC
   * catalog with its warehouse on S3 through S3FileIO when the lake is on S3. The conf contains no
   * secret, because the credentials reach the job through its environment.
   */
  static Map<String, String> s3Conf(Lake lake) {
    Map<String, String> conf = new LinkedHashMap<>();
    if (lake.s3Access() != null) {
      conf.putAll(lake.s3Access().s3aConf());
    }
    if (lake.s3Lake() != null) {
      conf.putAll(
          CatalogSettings.jdbcWithS3(
              Lake.CATALOG_NAME,
              lake.catalogUri(),
              lake.s3Lake().warehouse(),
              lake.s3Access().endpoint(),
              lake.s3Access().region()));
    }
    return conf;
  }

  /**
   * Runs {@code SparkSubmit} with the given arguments, as {@code spark-submit} would take them
   * after {@code --master}: {@code --class}, {@code --conf} pairs, the jar and its arguments.
   */
  ProcessRunner.Result submit(List<String> submitArguments, Path workingDirectory) {
    return submit(submitArguments, workingDirectory, Map.of());
  }

  /** Runs {@code SparkSubmit} as above, with {@code environment} added to the child's. */
  ProcessRunner.Result submit(
      List<String> submitArguments, Path workingDirectory, Map<String, String> environment) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(JAVA17_OPENS);
    command.add("-Xmx2g");
    Path logConfig = home.sparkLogConfig();
    if (Files.exists(logConfig)) {
      command.add("-Dlog4j2.configurationFile=" + logConfig.toUri());
    }
    command.add("-cp");
    command.add(home.sparkClasspath());
    command.add("org.apache.spark.deploy.SparkSubmit");
    command.add("--master");
    command.add(master);
    command.add("--conf");
    command.add("spark.ui.enabled=false");
    command.addAll(submitArguments);
    return processRunner.run(command, environment, workingDirectory);
  }

  static List<String> catalogArguments(Lake lake) {
    if (lake.s3Lake() != null) {
      // The catalog comes from the conf of s3Conf, so the job takes only its name.
      return List.of("--catalog-name", Lake.CATALOG_NAME, "--database", Lake.DATABASE);
    }
    return List.of(
        "--catalog-uri",
        lake.catalogUri(),
        "--warehouse",
        lake.warehouse().toUri().toString(),
        "--catalog-name",
        Lake.CATALOG_NAME,
        "--database",
        Lake.DATABASE);
  }

  static String javaExecutable() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return Files.isExecutable(java) ? java.toString() : "java";
  }

  static String joinClasspath(String... parts) {
    return String.join(File.pathSeparator, parts);
  }
}
