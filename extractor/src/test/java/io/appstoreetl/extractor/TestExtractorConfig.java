package io.appstoreetl.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appstoreetl.extractor.raw.RawLocation;
import io.appstoreetl.extractor.raw.S3RawSettings;
import io.appstoreetl.extractor.sales.SalesReportType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestExtractorConfig {
  private static final Map<String, String> COMPLETE =
      Map.of(
          "ASC_ISSUER_ID", "57246542-96fe-1a63-e053-0824d011072a",
          "ASC_KEY_ID", "2X9R4HXF34",
          "ASC_P8_PATH", "keys/AuthKey_2X9R4HXF34.p8",
          "APPLE_VENDOR_NUMBER", "80000001",
          "APP_IDS", "1000000001, 1000000002,1000000001");

  @TempDir Path dir;

  @Test
  void missingVariablesAreAllNamed() {
    assertThatThrownBy(
            () ->
                ExtractorConfig.load(
                    Map.of("ASC_KEY_ID", "K"), dir, ExtractorConfig.Overrides.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Cannot configure the extractor: missing ASC_ISSUER_ID, ASC_P8_PATH,"
                + " APPLE_VENDOR_NUMBER (set them in the environment or in "
                + dir.resolve(".env")
                + ")");
  }

  @Test
  void noAppIdsCoversEveryApp() throws ConfigException {
    Map<String, String> environment =
        Map.of(
            "ASC_ISSUER_ID", "57246542-96fe-1a63-e053-0824d011072a",
            "ASC_KEY_ID", "2X9R4HXF34",
            "ASC_P8_PATH", "AuthKey.p8",
            "APPLE_VENDOR_NUMBER", "80000001");

    ExtractorConfig config =
        ExtractorConfig.load(environment, dir, ExtractorConfig.Overrides.none());

    assertThat(config.appIds()).isEmpty();
    assertThat(config.allApps()).isTrue();
    assertThat(config.financeRegions()).containsExactly("ZZ");
    assertThat(config.salesVersions())
        .containsEntry(SalesReportType.SALES, "1_0")
        .containsEntry(SalesReportType.SUBSCRIPTION, "1_3")
        .containsEntry(SalesReportType.SUBSCRIPTION_EVENT, "1_3")
        .containsEntry(SalesReportType.SUBSCRIBER, "1_3");
  }

  @Test
  void reportVersionsAndRegionsComeFromSettings() throws ConfigException {
    Map<String, String> environment = new HashMap<>(COMPLETE);
    environment.put("SALES_REPORT_VERSION", "1_1");
    environment.put("SUBSCRIPTION_REPORT_VERSION", "1_4");
    environment.put("SUBSCRIPTION_EVENT_REPORT_VERSION", "1_5");
    environment.put("SUBSCRIBER_REPORT_VERSION", "1_5");
    environment.put("FINANCE_REGIONS", "ZZ, EU,US");

    ExtractorConfig config =
        ExtractorConfig.load(
            environment,
            dir,
            new ExtractorConfig.Overrides(null, null, List.of(), false, true /* all apps */));

    assertThat(config.allApps()).isTrue();
    assertThat(config.appIds()).containsExactly("1000000001", "1000000002");
    assertThat(config.financeRegions()).containsExactly("ZZ", "EU", "US");
    assertThat(config.salesVersions())
        .containsEntry(SalesReportType.SALES, "1_1")
        .containsEntry(SalesReportType.SUBSCRIPTION, "1_4")
        .containsEntry(SalesReportType.SUBSCRIPTION_EVENT, "1_5")
        .containsEntry(SalesReportType.SUBSCRIBER, "1_5");
  }

  @Test
  void invalidReportVersionIsRejected() {
    Map<String, String> environment = new HashMap<>(COMPLETE);
    environment.put("SUBSCRIPTION_REPORT_VERSION", "1.4");

    assertThatThrownBy(
            () -> ExtractorConfig.load(environment, dir, ExtractorConfig.Overrides.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid SUBSCRIPTION_REPORT_VERSION: 1.4 (expected a Sales and Trends report version"
                + " such as 1_3)");
  }

  @Test
  void invalidFinanceRegionIsRejected() {
    Map<String, String> environment = new HashMap<>(COMPLETE);
    environment.put("FINANCE_REGIONS", "ZZ,../x");

    assertThatThrownBy(
            () -> ExtractorConfig.load(environment, dir, ExtractorConfig.Overrides.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid FINANCE_REGIONS: ../x (expected region codes such as ZZ or EU,"
                + " comma-separated)");
  }

  @Test
  void environmentGivesEveryValueAndDefaults() throws ConfigException {
    ExtractorConfig config = ExtractorConfig.load(COMPLETE, dir, ExtractorConfig.Overrides.none());

    assertThat(config.issuerId()).isEqualTo("57246542-96fe-1a63-e053-0824d011072a");
    assertThat(config.keyId()).isEqualTo("2X9R4HXF34");
    assertThat(config.p8Path()).isEqualTo(dir.resolve("keys/AuthKey_2X9R4HXF34.p8"));
    assertThat(config.vendorNumber()).isEqualTo("80000001");
    assertThat(config.appIds()).containsExactly("1000000001", "1000000002");
    assertThat(config.apiBaseUrl()).hasToString("https://api.appstoreconnect.apple.com");
    assertThat(config.rawRoot()).isEqualTo(dir.resolve("lake/raw"));
    assertThat(config.sandbox()).isFalse();
  }

  @Test
  void dotEnvIsReadAndEnvironmentWins() throws IOException, ConfigException {
    Files.writeString(
        dir.resolve(".env"),
        String.join(
            "\n",
            "# App Store Connect team key",
            "ASC_ISSUER_ID=\"57246542-96fe-1a63-e053-0824d011072a\"",
            "export ASC_KEY_ID='2X9R4HXF34'",
            "",
            "ASC_P8_PATH=keys/AuthKey.p8 # downloaded once",
            "APPLE_VENDOR_NUMBER=80000009",
            "APP_IDS=1000000003",
            "RAW_ROOT=/data/raw"));

    ExtractorConfig config =
        ExtractorConfig.load(
            Map.of("APPLE_VENDOR_NUMBER", "80000001"), dir, ExtractorConfig.Overrides.none());

    assertThat(config.issuerId()).isEqualTo("57246542-96fe-1a63-e053-0824d011072a");
    assertThat(config.keyId()).isEqualTo("2X9R4HXF34");
    assertThat(config.p8Path()).isEqualTo(dir.resolve("keys/AuthKey.p8"));
    assertThat(config.vendorNumber()).isEqualTo("80000001");
    assertThat(config.appIds()).containsExactly("1000000003");
    assertThat(config.rawRoot()).isEqualTo(Path.of("/data/raw"));
  }

  @Test
  void optionsOverrideEnvironment() throws ConfigException {
    ExtractorConfig config =
        ExtractorConfig.load(
            COMPLETE,
            dir,
            new ExtractorConfig.Overrides(
                "elsewhere", "http://127.0.0.1:8080", List.of("1000000009"), true));

    assertThat(config.appIds()).containsExactly("1000000009");
    assertThat(config.apiBaseUrl()).hasToString("http://127.0.0.1:8080");
    assertThat(config.rawRoot()).isEqualTo(dir.resolve("elsewhere"));
  }

  @Test
  void appIdOptionMakesAppIdsOptional() throws ConfigException {
    Map<String, String> withoutAppIds = new java.util.HashMap<>(COMPLETE);
    withoutAppIds.remove("APP_IDS");

    ExtractorConfig config =
        ExtractorConfig.load(
            withoutAppIds,
            dir,
            new ExtractorConfig.Overrides(null, null, List.of("1000000005"), false));

    assertThat(config.appIds()).containsExactly("1000000005");
  }

  @Test
  void plainHttpNeedsSandboxAndLoopback() throws ConfigException {
    String expected = " (expected https://host, or http://<loopback host> with --sandbox)";

    assertThatThrownBy(() -> ExtractorConfig.apiBaseUrl("http://127.0.0.1:8080", false))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid ASC_API_BASE_URL: http://127.0.0.1:8080" + expected);
    assertThatThrownBy(() -> ExtractorConfig.apiBaseUrl("http://api.example.com", true))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid ASC_API_BASE_URL: http://api.example.com" + expected);
    assertThatThrownBy(() -> ExtractorConfig.apiBaseUrl("ftp://127.0.0.1", true))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid ASC_API_BASE_URL: ftp://127.0.0.1" + expected);
    assertThat(ExtractorConfig.apiBaseUrl("http://localhost:9000", true))
        .hasToString("http://localhost:9000");
    assertThat(ExtractorConfig.apiBaseUrl("http://[::1]:9000", true))
        .hasToString("http://[::1]:9000");
    assertThat(ExtractorConfig.apiBaseUrl("http://127.0.0.2", true))
        .hasToString("http://127.0.0.2");
  }

  @Test
  void nonNumericAppIdIsRejected() {
    Map<String, String> bad = new java.util.HashMap<>(COMPLETE);
    bad.put("APP_IDS", "1000000001,../etc");

    assertThatThrownBy(() -> ExtractorConfig.load(bad, dir, ExtractorConfig.Overrides.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid APP_IDS: ../etc (expected numeric Apple app ids, comma-separated)");
  }

  @Test
  void malformedDotEnvLineHidesValue() throws IOException {
    Files.writeString(dir.resolve(".env"), "ASC_KEY_ID=K\nsecret-value-without-key\n");

    assertThatThrownBy(() -> ExtractorConfig.load(COMPLETE, dir, ExtractorConfig.Overrides.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid line 2 in " + dir.resolve(".env") + " (expected KEY=VALUE or a # comment)");
  }

  @Test
  void s3BucketSetsS3RawRoot() throws ConfigException {
    RawLocation location =
        ExtractorConfig.rawLocation(
            Map.of(
                "S3_BUCKET", "appstore-lake",
                "S3_PREFIX", "/team/etl/",
                "AWS_REGION", "eu-west-1",
                "S3_ENDPOINT_URL", "http://127.0.0.1:9000",
                "S3_PART_SIZE_MB", "8",
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "secret-example"),
            dir,
            null);

    assertThat(location.folder()).isNull();
    S3RawSettings s3 = location.s3();
    assertThat(s3.uri()).isEqualTo("s3://appstore-lake/team/etl/raw");
    assertThat(s3.bucket()).isEqualTo("appstore-lake");
    assertThat(s3.prefix()).isEqualTo("team/etl/raw");
    assertThat(s3.region()).isEqualTo("eu-west-1");
    assertThat(s3.endpoint()).hasToString("http://127.0.0.1:9000");
    assertThat(s3.partSizeBytes()).isEqualTo(8 * 1024 * 1024);
    assertThat(s3.toString()).doesNotContain("secret-example");
  }

  @Test
  void rawRootOptionWinsOverS3Bucket() throws ConfigException {
    Map<String, String> settings = Map.of("S3_BUCKET", "appstore-lake", "AWS_REGION", "us-east-1");

    assertThat(ExtractorConfig.rawLocation(settings, dir, "lake/raw").folder())
        .isEqualTo(dir.resolve("lake/raw"));
    assertThat(ExtractorConfig.rawLocation(settings, dir, "s3://other-bucket/x").s3().uri())
        .isEqualTo("s3://other-bucket/x");
  }

  @Test
  void invalidS3SettingsAreNamed() {
    assertThatThrownBy(
            () -> ExtractorConfig.rawLocation(Map.of("RAW_ROOT", "s3://bucket/raw"), dir, null))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Cannot write the raw zone to s3://bucket/raw: missing AWS_REGION (set it in the"
                + " environment or in .env, e.g. us-east-1)");
    assertThatThrownBy(
            () ->
                ExtractorConfig.rawLocation(
                    Map.of("AWS_REGION", "us-east-1"), dir, "s3://Bad_Bucket/raw"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Invalid raw root: s3://Bad_Bucket/raw (expected s3://bucket");
    assertThatThrownBy(
            () ->
                ExtractorConfig.rawLocation(
                    Map.of("AWS_REGION", "us-east-1", "S3_PART_SIZE_MB", "4"),
                    dir,
                    "s3://bucket/raw"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Invalid S3_PART_SIZE_MB: 4 (expected a whole number of MiB");
    assertThatThrownBy(
            () ->
                ExtractorConfig.rawLocation(
                    Map.of("AWS_REGION", "us-east-1", "S3_ENDPOINT_URL", "ftp://host"),
                    dir,
                    "s3://bucket/raw"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Invalid S3_ENDPOINT_URL: ftp://host");
    assertThatThrownBy(() -> ExtractorConfig.rawLocation(Map.of(), dir, "gs://bucket/raw"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid raw root: gs://bucket/raw (expected a local folder or s3://bucket/prefix)");
  }
}
