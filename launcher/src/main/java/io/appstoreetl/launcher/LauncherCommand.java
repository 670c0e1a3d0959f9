package io.appstoreetl.launcher;

import io.appstoreetl.emr.S3Lake;
import io.appstoreetl.extractor.ConfigException;
import io.appstoreetl.extractor.ExtractorConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/** Options and helpers that every launcher command shares. */
abstract class LauncherCommand implements Callable<Integer> {

  @Option(
      names = "--lake",
      paramLabel = "DIR",
      description =
          "Local lake folder: raw zone, Iceberg catalog and warehouse (default: ${DEFAULT-VALUE}).",
      defaultValue = "lake")
  Path lakeDirectory;

  @Option(
      names = "--s3",
      description =
          "Keep the raw zone and the Iceberg warehouse on S3, under s3://S3_BUCKET/S3_PREFIX/"
              + " (raw/ and warehouse/), reached with AWS_REGION, S3_ENDPOINT_URL and the AWS_*"
              + " credentials; the catalog database stays in --lake.")
  boolean s3;

  @Option(
      names = "--env-file",
      paramLabel = "FILE",
      description =
          "KEY=VALUE settings read below the environment's own (default: ${DEFAULT-VALUE}; a"
              + " missing file gives none).",
      defaultValue = ".env")
  Path envFile;

  @Option(
      names = "--spark-master",
      paramLabel = "MASTER",
      description = "Spark master for the job (default: ${DEFAULT-VALUE}).",
      defaultValue = "local[*]")
  String sparkMaster;

  PrintStream out = System.out;
  PrintStream err = System.err;

  void streams(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  Lake lake() {
    if (s3) {
      Map<String, String> settings = settings();
      String bucket = settings.get(S3Access.S3_BUCKET);
      if (bucket == null || bucket.isBlank()) {
        throw new LauncherException(
            ExitCodes.USAGE,
            "Missing "
                + S3Access.S3_BUCKET
                + " (needed by --s3; set it in the environment or in "
                + envFile
                + ")");
      }
      S3Lake s3Lake;
      try {
        s3Lake = new S3Lake(bucket.trim(), settings.getOrDefault(S3Access.S3_PREFIX, ""));
      } catch (IllegalArgumentException e) {
        throw new LauncherException(ExitCodes.USAGE, e.getMessage());
      }
      return new Lake(lakeDirectory, s3Lake, S3Access.from(settings));
    }
    if (needsS3Access()) {
      return new Lake(lakeDirectory, null, S3Access.from(settings()));
    }
    return new Lake(lakeDirectory);
  }

  /** Returns whether the command reads from S3 even when the lake is local. */
  boolean needsS3Access() {
    return false;
  }

  /** Returns the settings of the env file overlaid with the environment, whose values win. */
  Map<String, String> settings() {
    Map<String, String> settings;
    try {
      settings = new HashMap<>(ExtractorConfig.readDotEnv(envFile));
    } catch (ConfigException e) {
      throw new LauncherException(ExitCodes.USAGE, e.getMessage());
    }
    System.getenv()
        .forEach(
            (name, value) -> {
              if (!value.isEmpty()) {
                settings.put(name, value);
              }
            });
    return settings;
  }

  /**
   * Returns the instant of a {@code --now} option, or the current time when it is not given.
   *
   * @throws LauncherException when it is not a UTC time such as 2025-01-10T07:00:00Z
   */
  static Instant parseNow(String text) {
    try {
      return text == null ? Instant.now() : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new LauncherException(
          ExitCodes.USAGE,
          "Invalid --now: " + text + " (expected a UTC time such as 2025-01-10T07:00:00Z)");
    }
  }

  ProcessRunner processRunner() {
    return new ProcessRunner(out, err);
  }

  SparkJobRunner sparkJobRunner(EtlHome home) {
    return new SparkJobRunner(home, processRunner(), sparkMaster);
  }
}
