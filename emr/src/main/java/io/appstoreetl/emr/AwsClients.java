package io.appstoreetl.emr;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the SDK clients from {@link AwsSettings}, with the JDK's HTTP client (the commands make a
 * handful of calls, so a connection pool buys nothing).
 *
 * <p>With an endpoint override the S3 client uses path-style requests, because S3-compatible
 * servers and local stubs have no per-bucket host names. It also adds checksums only where an
 * operation requires them: by default the SDK (since 2.30) sends uploads as {@code
 * STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER} with a CRC32 trailer over plain HTTP, which S3Proxy
 * 2.6.0 rejects with a content-sha256 mismatch.
 */
public final class AwsClients {

  private AwsClients() {}

  /**
   * Sets the region, the credentials (static when the settings have them, else the SDK's default
   * chain), the JDK's HTTP client and the endpoint override on any service's client builder, so
   * that every command builds its AWS clients the same way.
   */
  public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder, AwsSettings settings) {
    builder
        .region(Region.of(settings.region()))
        .credentialsProvider(credentials(settings))
        .httpClientBuilder(UrlConnectionHttpClient.builder());
    if (settings.endpointOverride() != null) {
      builder.endpointOverride(settings.endpointOverride());
    }

    return builder;
  }

  /** Returns an EMR Serverless client; the caller closes it. */
  public static EmrServerlessClient emrServerless(AwsSettings settings) {
    return configure(EmrServerlessClient.builder(), settings).build();
  }

  /** Returns an S3 client; the caller closes it. */
  public static S3Client s3(AwsSettings settings) {
    S3ClientBuilder builder = configure(S3Client.builder(), settings);
    if (settings.endpointOverride() != null) {
      builder
          .forcePathStyle(true)
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }

    return builder.build();
  }

  private static AwsCredentialsProvider credentials(AwsSettings settings) {
    if (settings.accessKeyId() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    if (settings.sessionToken() != null) {
      return StaticCredentialsProvider.create(
          AwsSessionCredentials.create(
              settings.accessKeyId(), settings.secretAccessKey(), settings.sessionToken()));
    }

    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
  }
}
