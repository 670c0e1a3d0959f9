package io.appstoreetl.launcher.health;

import io.appstoreetl.emr.AwsSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

/**
 * Builds the SNS and CloudWatch clients of the alerts from {@link AwsSettings}, as {@code
 * io.appstoreetl.emr.AwsClients} builds its own: the JDK's HTTP client, the settings' region,
 * static credentials when set (else the SDK's default chain) and the endpoint override.
 */
public final class HealthClients {

  private HealthClients() {}

  /** Returns an SNS client; the caller closes it. */
  public static SnsClient sns(AwsSettings settings) {
    SnsClientBuilder builder =
        SnsClient.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials(settings))
            .httpClientBuilder(UrlConnectionHttpClient.builder());
    if (settings.endpointOverride() != null) {
      builder.endpointOverride(settings.endpointOverride());
    }
    return builder.build();
  }

  /** Returns a CloudWatch client; the caller closes it. */
  public static CloudWatchClient cloudWatch(AwsSettings settings) {
    CloudWatchClientBuilder builder =
        CloudWatchClient.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials(settings))
            .httpClientBuilder(UrlConnectionHttpClient.builder());
    if (settings.endpointOverride() != null) {
      builder.endpointOverride(settings.endpointOverride());
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
