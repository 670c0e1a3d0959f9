package io.appstoreetl.launcher.health;

import io.appstoreetl.emr.AwsClients;
import io.appstoreetl.emr.AwsSettings;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** Builds the SNS and CloudWatch clients of the alerts as the emr module builds its own. */
public final class HealthClients {

  private HealthClients() {}

  /** Returns an SNS client; the caller closes it. */
  public static SnsClient sns(AwsSettings settings) {
    return AwsClients.configure(SnsClient.builder(), settings).build();
  }

  /** Returns a CloudWatch client; the caller closes it. */
  public static CloudWatchClient cloudWatch(AwsSettings settings) {
    return AwsClients.configure(CloudWatchClient.builder(), settings).build();
  }
}
