package io.appstoreetl.extractor.ads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appstoreetl.extractor.ConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestAppleAdsConfig {
  private static final Path WORKING_DIRECTORY = Path.of("/srv/etl");

  @Test
  void noCredentialsTurnAppleAdsOff() throws ConfigException {
    assertThat(AppleAdsConfig.load(Map.of("ASC_KEY_ID", "X"), WORKING_DIRECTORY, false)).isEmpty();
  }

  @Test
  void allCredentialsGiveAppleDefaults() throws ConfigException {
    Optional<AppleAdsConfig> config = AppleAdsConfig.load(complete(), WORKING_DIRECTORY, false);

    assertThat(config).isPresent();
    assertThat(config.get().clientId()).isEqualTo("SEARCHADS.client");
    assertThat(config.get().teamId()).isEqualTo("SEARCHADS.team");
    assertThat(config.get().keyId()).isEqualTo("key-1");
    assertThat(config.get().keyPath()).isEqualTo(Path.of("/srv/etl/keys/ads.pem"));
    assertThat(config.get().adAccountId()).isEqualTo("3141592");
    assertThat(config.get().apiBaseUrl()).isEqualTo(URI.create("https://api.ads.apple.com"));
    assertThat(config.get().tokenUrl())
        .isEqualTo(URI.create("https://appleid.apple.com/auth/oauth2/token"));
  }

  @Test
  void partialCredentialsNameTheMissingOnes() {
    Map<String, String> settings = complete();
    settings.remove("APPLE_ADS_TEAM_ID");
    settings.remove("APPLE_ADS_ACCOUNT_ID");

    assertThatThrownBy(() -> AppleAdsConfig.load(settings, WORKING_DIRECTORY, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("missing APPLE_ADS_TEAM_ID, APPLE_ADS_ACCOUNT_ID");
  }

  @Test
  void nonNumericAccountIsRejected() {
    Map<String, String> settings = complete();
    settings.put("APPLE_ADS_ACCOUNT_ID", "orgId=40669820");

    assertThatThrownBy(() -> AppleAdsConfig.load(settings, WORKING_DIRECTORY, false))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid APPLE_ADS_ACCOUNT_ID: orgId=40669820 (expected the numeric ad account id)");
  }

  @Test
  void urlOverridesOnlyInSandbox() throws ConfigException {
    Map<String, String> settings = complete();
    settings.put("APPLE_ADS_API_BASE_URL", "http://127.0.0.1:8080/apple-ads");
    settings.put("APPLE_ADS_TOKEN_URL", "http://127.0.0.1:8080/apple-ads/auth/oauth2/token");

    assertThatThrownBy(() -> AppleAdsConfig.load(settings, WORKING_DIRECTORY, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Invalid APPLE_ADS_API_BASE_URL")
        .hasMessageContaining("only with --sandbox");
    AppleAdsConfig sandbox = AppleAdsConfig.load(settings, WORKING_DIRECTORY, true).orElseThrow();
    assertThat(sandbox.apiBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:8080/apple-ads"));

    settings.put("APPLE_ADS_API_BASE_URL", "http://ads.example.com/apple-ads");
    assertThatThrownBy(() -> AppleAdsConfig.load(settings, WORKING_DIRECTORY, true))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http://<loopback host>");
  }

  private static Map<String, String> complete() {
    Map<String, String> settings = new HashMap<>();
    settings.put("APPLE_ADS_CLIENT_ID", "SEARCHADS.client");
    settings.put("APPLE_ADS_TEAM_ID", "SEARCHADS.team");
    settings.put("APPLE_ADS_KEY_ID", "key-1");
    settings.put("APPLE_ADS_KEY_PATH", "keys/ads.pem");
    settings.put("APPLE_ADS_ACCOUNT_ID", "3141592");
    return settings;
  }
}
