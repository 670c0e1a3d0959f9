package io.appstoreetl.emr;

/** The job settings that the submitter tests share. */
final class JobSettingsFixture {

  static final String APPLICATION_ID = "00fabc123def4567";
  static final String ROLE_ARN = "arn:aws:iam::111122223333:role/appstore-etl-emr-job";
  static final S3Lake LAKE = new S3Lake("appstore-lake", "prod/appstore");
  static final String JAR_URI =
      "s3://appstore-lake/prod/appstore/jars/spark-curation-1.2.3-job.jar";
  static final String LOG_URI = "s3://appstore-lake/prod/appstore/emr-logs/";

  private JobSettingsFixture() {}

  static EmrJobSettings settings() {
    return new EmrJobSettings(
        APPLICATION_ID, ROLE_ARN, LAKE, "appstore", "lake", JAR_URI, LOG_URI, 180);
  }
}
