package io.appstoreetl.extractor.ads;

import io.appstoreetl.extractor.ConfigException;
import io.appstoreetl.extractor.ExtractorConfig;
import io.appstoreetl.extractor.http.Urls;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Apple Ads settings, read like the rest of the extractor's settings (environment over {@code
 * .env}). Apple Ads is optional: with none of the five credentials set it is off; with some but not
 * all of them the configuration is invalid.
 *
 * @param clientId {@code SEARCHADS.<uuid>}, the OAuth client id and the secret's {@code sub}
 * @param teamId {@code SEARCHADS.<uuid>}, the secret's {@code iss}
 * @param keyId the id Apple gave the uploaded public key, the secret's {@code kid}
 * @param keyPath the EC P-256 private key file (SEC1 or PKCS#8 PEM)
 * @param adAccountId the ad account sent in {@code X-AP-Context: adAccountId=<id>}
 * @param apiBaseUrl the API origin, without {@code /v1}
 * @param tokenUrl the OAuth token endpoint
 */
public record AppleAdsConfig(
    String clientId,
    String teamId,
    String keyId,
    Path keyPath,
    String adAccountId,
    URI apiBaseUrl,
    URI tokenUrl) {
  public static final String CLIENT_ID = "APPLE_ADS_CLIENT_ID";
  public static final String TEAM_ID = "APPLE_ADS_TEAM_ID";
  public static final String KEY_ID = "APPLE_ADS_KEY_ID";
  public static final String KEY_PATH = "APPLE_ADS_KEY_PATH";
  public static final String ACCOUNT_ID = "APPLE_ADS_ACCOUNT_ID";

  /** Sandbox only: the API origin in place of {@link #DEFAULT_API_BASE_URL}. */
  public static final String API_BASE_URL = "APPLE_ADS_API_BASE_URL";

  /** Sandbox only: the token endpoint in place of {@link #DEFAULT_TOKEN_URL}. */
  public static final String TOKEN_URL = "APPLE_ADS_TOKEN_URL";

  public static final String DEFAULT_API_BASE_URL = "https://api.ads.apple.com";
  public static final String DEFAULT_TOKEN_URL = "https://appleid.apple.com/auth/oauth2/token";

  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{1,20}");

  /**
   * Returns the Apple Ads settings, or empty when none of the five credentials is set.
   *
   * @param settings the merged settings ({@link ExtractorConfig#settings})
   * @param sandbox whether the run allows {@code http://} loopback URLs and URL overrides
   * @throws ConfigException naming every missing credential, or the first invalid value
   */
  public static Optional<AppleAdsConfig> load(
      Map<String, String> settings, Path workingDirectory, boolean sandbox) throws ConfigException {
    List<String> names = List.of(CLIENT_ID, TEAM_ID, KEY_ID, KEY_PATH, ACCOUNT_ID);
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      if (isBlank(settings.get(name))) {
        missing.add(name);
      }
    }
    if (missing.size() == names.size()) {
      return Optional.empty();
    }
    if (!missing.isEmpty()) {
      throw new ConfigException(
          "Cannot configure Apple Ads: missing "
              + String.join(", ", missing)
              + " (set all five APPLE_ADS_* credentials, or none to skip Apple Ads)");
    }

    String account = settings.get(ACCOUNT_ID).trim();
    if (!ACCOUNT.matcher(account).matches()) {
      throw new ConfigException(
          "Invalid " + ACCOUNT_ID + ": " + account + " (expected the numeric ad account id)");
    }

    return Optional.of(
        new AppleAdsConfig(
            settings.get(CLIENT_ID).trim(),
            settings.get(TEAM_ID).trim(),
            settings.get(KEY_ID).trim(),
            workingDirectory.resolve(settings.get(KEY_PATH).trim()),
            account,
            url(settings, API_BASE_URL, DEFAULT_API_BASE_URL, sandbox),
            url(settings, TOKEN_URL, DEFAULT_TOKEN_URL, sandbox)));
  }

  /** Accepts an override only with {@code --sandbox}, and then https or http on loopback. */
  private static URI url(
      Map<String, String> settings, String name, String defaultValue, boolean sandbox)
      throws ConfigException {
    String text = settings.get(name);
    if (isBlank(text)) {
      return URI.create(defaultValue);
    }
    if (!sandbox) {
      throw new ConfigException(
          "Invalid "
              + name
              + ": it may be set only with --sandbox (expected it unset, so that "
              + defaultValue
              + " is used)");
    }

    String expected = "expected https://host or http://<loopback host>";
    URI url;
    try {
      url = URI.create(text.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid " + name + ": " + text + " (" + expected + ")");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    boolean valid =
        url.getHost() != null
            && url.getRawQuery() == null
            && url.getRawFragment() == null
            && (scheme.equals("https")
                || (scheme.equals("http") && Urls.isLoopbackHost(url.getHost())));
    if (!valid) {
      throw new ConfigException("Invalid " + name + ": " + text + " (" + expected + ")");
    }

    return url;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
