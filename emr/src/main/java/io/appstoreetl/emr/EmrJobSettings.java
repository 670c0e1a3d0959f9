package io.appstoreetl.emr;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of a StartJobRun request other than the date range.
 *
 * @param applicationId the EMR Serverless application, such as {@code 00fabc123def4567}
 * @param executionRoleArn the IAM role the job runs as
 * @param lake the lake's bucket and prefix: raw zone and warehouse
 * @param database the Glue database of the tables
 * @param catalogName the Spark catalog name that the job's {@code --catalog-name} selects
 * @param jobJarUri the {@code s3://} URI of the job jar that {@code emr deploy} uploaded
 * @param logUri the {@code s3://} folder for the driver and executor logs
 * @param executionTimeoutMinutes after this many minutes EMR Serverless cancels the run
 */
public record EmrJobSettings(
    String applicationId,
    String executionRoleArn,
    S3Lake lake,
    String database,
    String catalogName,
    String jobJarUri,
    String logUri,
    int executionTimeoutMinutes) {

  // Patterns and limits from the EMR Serverless API reference (StartJobRun).
  private static final Pattern APPLICATION_ID = Pattern.compile("[0-9a-z]{1,64}");
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}");
  // Glue stores database names in lower case; the job accepts letters, digits and _.
  private static final Pattern DATABASE = Pattern.compile("[a-z_][a-z0-9_]{0,254}");

  /**
   * The maximum execution timeout accepted here, one week. This is this project's limit, not the
   * API's: the API also takes 0 for no timeout, which suits streaming jobs but not this batch job.
   */
  public static final int MAX_EXECUTION_TIMEOUT_MINUTES = 10_080;

  public EmrJobSettings {
    Objects.requireNonNull(lake, "lake == null");
    Objects.requireNonNull(catalogName, "catalogName == null");
    check(EmrConfig.EMR_APPLICATION_ID, applicationId, APPLICATION_ID, "1 to 64 of 0-9 and a-z");
    check(
        EmrConfig.EMR_EXECUTION_ROLE_ARN,
        executionRoleArn,
        ROLE_ARN,
        "arn:aws:iam::<12-digit account>:role/<name>");
    check(EmrConfig.GLUE_DB, database, DATABASE, "lower-case letters, digits and _");
    CatalogSettings.catalogPrefix(catalogName);
    checkS3Uri(EmrConfig.EMR_JOB_JAR_URI, jobJarUri);
    checkS3Uri(EmrConfig.EMR_LOG_URI, logUri);
    if (executionTimeoutMinutes < 1 || executionTimeoutMinutes > MAX_EXECUTION_TIMEOUT_MINUTES) {
      throw new IllegalArgumentException(
          "Invalid "
              + EmrConfig.EMR_EXECUTION_TIMEOUT_MINUTES
              + ": "
              + executionTimeoutMinutes
              + " (expected 1 to "
              + MAX_EXECUTION_TIMEOUT_MINUTES
              + " minutes)");
    }
  }

  private static void check(String name, String value, Pattern pattern, String expected) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "Invalid " + name + ": " + value + " (expected " + expected + ")");
    }
  }

  private static void checkS3Uri(String name, String value) {
    if (value == null
        || !value.startsWith("s3://")
        || value.length() <= "s3://".length()
        || !SparkJob.isSubmitToken(value)) {
      throw new IllegalArgumentException(
          "Invalid " + name + ": " + value + " (expected s3://bucket/key without whitespace)");
    }
  }
}
