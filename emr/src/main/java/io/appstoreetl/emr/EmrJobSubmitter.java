package io.appstoreetl.emr;

import io.appstoreetl.tables.Tables;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.StartJobRunRequest;
import software.amazon.awssdk.services.emrserverless.model.StartJobRunResponse;

/**
 * Starts the curation job on EMR Serverless with StartJobRun.
 *
 * <p>The client token is derived from the date range, the table selection and an attempt number, so
 * a repeated submit of the same attempt returns the run that the first one started instead of
 * starting a second one, and a retry after a failure passes the next attempt number to start a new
 * run. How long EMR Serverless remembers a token is not documented; see docs/aws-emr.md.
 */
public final class EmrJobSubmitter {

  public static final String CURATION_JOB_CLASS = "io.appstoreetl.curation.CurationJob";

  /** The table maintenance job: compaction, snapshot expiry and orphan file removal. */
  public static final String MAINTENANCE_JOB_CLASS = "io.appstoreetl.curation.MaintenanceJob";

  /** The highest attempt number; it keeps the client token within its 64 characters. */
  public static final int MAX_ATTEMPT = 9_999;

  private final EmrServerlessClient client;
  private final EmrJobSettings settings;

  public EmrJobSubmitter(EmrServerlessClient client, EmrJobSettings settings) {
    this.client = Objects.requireNonNull(client, "client == null");
    this.settings = Objects.requireNonNull(settings, "settings == null");
  }

  /**
   * Starts a job run for every table, or returns the run that the same range and attempt started
   * before.
   *
   * @throws software.amazon.awssdk.core.exception.SdkException if StartJobRun fails
   */
  public SubmittedJobRun submit(DateRange range, int attempt) {
    return submit(range, List.of(), attempt);
  }

  /**
   * Starts a job run for {@code tables} (all tables when empty), or returns the run that the same
   * range, tables and attempt started before.
   *
   * @throws IllegalArgumentException if a table name is unknown or the attempt is out of range
   * @throws software.amazon.awssdk.core.exception.SdkException if StartJobRun fails
   */
  public SubmittedJobRun submit(DateRange range, List<String> tables, int attempt) {
    StartJobRunRequest request = startJobRunRequest(range, tables, attempt);
    StartJobRunResponse response = client.startJobRun(request);

    return new SubmittedJobRun(
        response.applicationId(),
        response.jobRunId(),
        response.arn(),
        request.clientToken(),
        request.name());
  }

  /**
   * Starts the maintenance job for {@code tables} (all when empty), or returns the run that the
   * same day, tables and attempt started before.
   *
   * @param runDate the UTC day of the submit, which makes one maintenance run per day and attempt
   * @param options the job's retention and compaction options, such as {@code --retain-days 7}
   * @throws IllegalArgumentException if a table name is unknown or the attempt is out of range
   * @throws software.amazon.awssdk.core.exception.SdkException if StartJobRun fails
   */
  public SubmittedJobRun submitMaintenance(
      LocalDate runDate, List<String> tables, List<String> options, int attempt) {
    StartJobRunRequest request = maintenanceRequest(runDate, tables, options, attempt);
    StartJobRunResponse response = client.startJobRun(request);

    return new SubmittedJobRun(
        response.applicationId(),
        response.jobRunId(),
        response.arn(),
        request.clientToken(),
        request.name());
  }

  /** Returns the StartJobRun request that {@link #submitMaintenance} sends. */
  public StartJobRunRequest maintenanceRequest(
      LocalDate runDate, List<String> tables, List<String> options, int attempt) {
    checkAttempt(attempt);
    List<String> selected = tableNames(tables);
    String suffix = runDate + "-a" + attempt;
    String token = "maintenance-" + suffix;
    if (!selected.isEmpty()) {
      token += "-t" + sha256Hex(String.join(",", new TreeSet<>(selected))).substring(0, 8);
    }

    return request(
        maintenanceJob(settings, tables, options), token, "appstore-etl-maintenance-" + suffix);
  }

  /**
   * Returns the maintenance job that a submit with {@code settings} starts: the job's class, the
   * Glue catalog conf, the jar on S3, the catalog and database, the tables and {@code options}.
   *
   * @throws IllegalArgumentException if a table name is unknown
   */
  public static SparkJob maintenanceJob(
      EmrJobSettings settings, List<String> tables, List<String> options) {
    List<String> selected = tableNames(tables);

    List<String> arguments = new ArrayList<>();
    arguments.add("--catalog-name");
    arguments.add(settings.catalogName());
    arguments.add("--database");
    arguments.add(settings.database());
    if (!selected.isEmpty()) {
      arguments.add("--tables");
      arguments.add(String.join(",", selected));
    }
    arguments.addAll(options);

    return new SparkJob(
        MAINTENANCE_JOB_CLASS,
        CatalogSettings.glue(settings.catalogName(), settings.lake().warehouse()),
        settings.jobJarUri(),
        arguments);
  }

  /** Returns the StartJobRun request that {@link #submit} sends. */
  public StartJobRunRequest startJobRunRequest(DateRange range, List<String> tables, int attempt) {
    return request(
        sparkJob(settings, range, tables),
        clientToken(range, tables, attempt),
        jobRunName(range, attempt));
  }

  private StartJobRunRequest request(SparkJob job, String clientToken, String name) {
    return StartJobRunRequest.builder()
        .applicationId(settings.applicationId())
        .executionRoleArn(settings.executionRoleArn())
        .clientToken(clientToken)
        .name(name)
        .executionTimeoutMinutes((long) settings.executionTimeoutMinutes())
        .jobDriver(
            driver ->
                driver.sparkSubmit(
                    submit ->
                        submit
                            .entryPoint(job.entryPoint())
                            .entryPointArguments(job.entryPointArguments())
                            .sparkSubmitParameters(job.sparkSubmitParameters())))
        .configurationOverrides(
            overrides ->
                overrides.monitoringConfiguration(
                    monitoring ->
                        monitoring.s3MonitoringConfiguration(s3 -> s3.logUri(settings.logUri()))))
        .build();
  }

  /** Returns the job that {@link #submit} starts, with the Glue catalog settings. */
  public SparkJob sparkJob(DateRange range, List<String> tables) {
    return sparkJob(settings, range, tables);
  }

  /**
   * Returns the job that a submit with {@code settings} starts: the curation job's class, the Glue
   * catalog conf of {@link CatalogSettings#glue}, the jar on S3 and the job's arguments.
   *
   * @throws IllegalArgumentException if a table name is unknown
   */
  public static SparkJob sparkJob(EmrJobSettings settings, DateRange range, List<String> tables) {
    Objects.requireNonNull(range, "range == null");
    List<String> selected = tableNames(tables);

    List<String> arguments = new ArrayList<>();
    arguments.add("--raw-root");
    arguments.add(settings.lake().rawRoot());
    arguments.add("--catalog-name");
    arguments.add(settings.catalogName());
    arguments.add("--database");
    arguments.add(settings.database());
    arguments.add("--from");
    arguments.add(range.from().toString());
    arguments.add("--to");
    arguments.add(range.to().toString());
    if (!selected.isEmpty()) {
      arguments.add("--tables");
      arguments.add(String.join(",", selected));
    }

    return new SparkJob(
        CURATION_JOB_CLASS,
        CatalogSettings.glue(settings.catalogName(), settings.lake().warehouse()),
        settings.jobJarUri(),
        arguments);
  }

  /**
   * Returns the client token of a submit, such as {@code curation-2025-03-01-2025-03-12-a1}. A
   * table selection adds {@code -t} and 8 hex digits of a SHA-256 over the sorted names, so that a
   * run for fewer tables is never returned for a submit of all of them.
   *
   * @throws IllegalArgumentException if the attempt is not 1 to {@value #MAX_ATTEMPT} or a table
   *     name is unknown
   */
  public static String clientToken(DateRange range, List<String> tables, int attempt) {
    Objects.requireNonNull(range, "range == null");
    checkAttempt(attempt);
    List<String> selected = tableNames(tables);

    String token = "curation-" + range.from() + "-" + range.to() + "-a" + attempt;
    if (!selected.isEmpty()) {
      String sortedNames = String.join(",", new TreeSet<>(selected));
      token += "-t" + sha256Hex(sortedNames).substring(0, 8);
    }

    return token;
  }

  /** Returns the job run's name, such as {@code appstore-etl-curation-2025-03-01-2025-03-12-a1}. */
  public static String jobRunName(DateRange range, int attempt) {
    checkAttempt(attempt);
    return "appstore-etl-curation-" + range.from() + "-" + range.to() + "-a" + attempt;
  }

  /** Returns the names once each, in the given order; an empty list means every table. */
  static List<String> tableNames(List<String> tables) {
    Objects.requireNonNull(tables, "tables == null");
    Set<String> names = new LinkedHashSet<>();
    for (String table : tables) {
      String name = table.trim();
      try {
        names.add(Tables.byName(name).name());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Invalid --tables: " + e.getMessage(), e);
      }
    }

    return List.copyOf(names);
  }

  /**
   * Checks an attempt number.
   *
   * @throws IllegalArgumentException if it is not 1 to {@value #MAX_ATTEMPT}
   */
  static void checkAttempt(int attempt) {
    if (attempt < 1 || attempt > MAX_ATTEMPT) {
      throw new IllegalArgumentException(
          "Invalid --attempt: " + attempt + " (expected 1 to " + MAX_ATTEMPT + ")");
    }
  }

  private static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("[BUG] every Java runtime has SHA-256", e);
    }
  }

  /**
   * A started (or earlier started) job run.
   *
   * @param clientToken the idempotency token the request carried
   * @param name the job run's name
   */
  public record SubmittedJobRun(
      String applicationId, String jobRunId, String arn, String clientToken, String name) {}
}
