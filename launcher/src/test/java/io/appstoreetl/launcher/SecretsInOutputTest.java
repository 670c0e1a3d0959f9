package io.appstoreetl.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the daily job for one day against the sandbox and looks for the run's secrets in what it
 * printed and in the lake. The output scanned is the launcher's stdout and stderr, which include
 * its child processes' output; the files are the run summaries and the raw zone's JSON files
 * (manifests, index entries and the landed Apple Ads pages). The secrets are the App Store Connect
 * and Apple Ads private keys (their file text, Base64 and DER bytes), any JWT (the App Store
 * Connect token and the Apple Ads client secret), any Apple Ads access token and any presigned URL
 * signature.
 *
 * <p>NOTE: JWTs and presigned URL signatures are found by their shape ({@code eyJ...} in three
 * base64url parts, {@code X-Amz-Signature=} with a value), not compared with the values the sandbox
 * issued, because the sandbox that {@code daily --sandbox} starts is not reachable from the test.
 */
class SecretsInOutputTest {

  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}");
  private static final Pattern PRESIGNED_SIGNATURE =
      Pattern.compile("X-Amz-Signature=[0-9A-Za-z%]{8,}");

  /** The opaque Apple Ads access tokens the sandbox issues. */
  private static final Pattern APPLE_ADS_TOKEN = Pattern.compile("sandbox-ads-[0-9a-f]{16,}");

  /** A JWT of the shape the extractor signs: an ES256 header, claims and a signature part. */
  private static final String EXAMPLE_TOKEN =
      "eyJhbGciOiJFUzI1NiIsImtpZCI6IlNBTkRCT1gxIiwidHlwIjoiSldUIn0"
          + ".eyJpc3MiOiJzYW5kYm94IiwiYXVkIjoiYXBwc3RvcmVjb25uZWN0LXYxIn0"
          + ".c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmUtc2lnbmF0dXJlLXNpZ25hdHVyZS1zaWdu";

  private static final String EXAMPLE_URL =
      "http://127.0.0.1:8080/sandbox-files/s.csv.gz?X-Amz-Date=20250310T000000Z"
          + "&X-Amz-Signature=0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

  @TempDir Path workDirectory;

  @Test
  void dailyRunLeaksNoSecret() throws IOException {
    Path lake = workDirectory.resolve("lake");
    LauncherRun.Result result =
        LauncherRun.run(
            "daily",
            "--sandbox",
            "--apps",
            "1",
            "--lake",
            lake.toString(),
            "--date",
            "2025-03-10",
            "--spark-master",
            "local[2]");
    assertThat(result.exitCode()).as("daily exit code; stderr:%n%s", result.stderr()).isZero();

    Map<String, byte[]> scanned = new LinkedHashMap<>();
    scanned.put("launcher stdout", result.stdout().getBytes(StandardCharsets.UTF_8));
    scanned.put("launcher stderr", result.stderr().getBytes(StandardCharsets.UTF_8));
    for (Path file : summaryAndManifestFiles(lake)) {
      scanned.put(lake.relativize(file).toString(), Files.readAllBytes(file));
    }
    assertThat(scanned.keySet())
        .as("scanned files")
        .anyMatch(name -> name.startsWith("runs"))
        .anyMatch(name -> name.startsWith("raw") && name.contains("manifest"));

    Map<String, byte[]> secrets = keySecrets(onlyKeyFile(lake.resolve("sandbox")), "private key");
    secrets.putAll(
        keySecrets(
            lake.resolve("sandbox").resolve(SandboxLake.APPLE_ADS_KEY_FILE), "Apple Ads key"));
    // Controls: the scan finds the key in its own file and a token and a URL of the usual shapes.
    byte[] keyFile = Files.readAllBytes(onlyKeyFile(lake.resolve("sandbox")));
    for (Map.Entry<String, byte[]> secret : secrets.entrySet()) {
      if (secret.getKey().startsWith("private key file")
          || secret.getKey().startsWith("private key Base64 line")) {
        assertThat(indexOf(keyFile, secret.getValue()))
            .as("%s found in the key file", secret.getKey())
            .isNotNegative();
      }
    }
    assertThat(secrets.keySet())
        .as("secrets")
        .anyMatch(n -> n.startsWith("private key Base64 line"))
        .anyMatch(n -> n.startsWith("Apple Ads key Base64 line"));
    assertThat(scanned.keySet())
        .as("the run landed Apple Ads pages, which are scanned too")
        .anyMatch(name -> name.contains("source=apple_ads") && name.contains("page="));
    assertThat(APPLE_ADS_TOKEN.matcher("sandbox-ads-0123456789abcdef0123").find())
        .as("Apple Ads token pattern matches a token")
        .isTrue();
    assertThat(JWT.matcher(EXAMPLE_TOKEN).find()).as("JWT pattern matches a token").isTrue();
    assertThat(PRESIGNED_SIGNATURE.matcher(EXAMPLE_URL).find())
        .as("signature pattern matches a presigned URL")
        .isTrue();

    List<String> found = new ArrayList<>();
    for (Map.Entry<String, byte[]> source : scanned.entrySet()) {
      for (Map.Entry<String, byte[]> secret : secrets.entrySet()) {
        if (indexOf(source.getValue(), secret.getValue()) >= 0) {
          found.add(secret.getKey() + " in " + source.getKey());
        }
      }
      String text = new String(source.getValue(), StandardCharsets.ISO_8859_1);
      for (Pattern pattern : List.of(JWT, PRESIGNED_SIGNATURE, APPLE_ADS_TOKEN)) {
        Matcher matcher = pattern.matcher(text);
        if (matcher.find()) {
          found.add(
              "\"" + abbreviate(matcher.group()) + "\" (" + pattern + ") in " + source.getKey());
        }
      }
    }

    assertThat(found).as("secrets found in output and lake files").isEmpty();
  }

  /** Returns the key file's text, its Base64 body, each Base64 line and the DER bytes. */
  private static Map<String, byte[]> keySecrets(Path keyFile, String name) throws IOException {
    String pem = Files.readString(keyFile);
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    Map<String, byte[]> secrets = new LinkedHashMap<>();
    secrets.put(name + " file", pem.strip().getBytes(StandardCharsets.US_ASCII));
    secrets.put(name + " Base64", base64.getBytes(StandardCharsets.US_ASCII));
    // A log that wraps or cuts the key still shows one of its 64-character PEM lines.
    String[] lines = pem.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].length() >= 32 && !lines[i].startsWith("-----")) {
        secrets.put(name + " Base64 line " + (i + 1), lines[i].getBytes(StandardCharsets.US_ASCII));
      }
    }
    secrets.put(name + " DER bytes", Base64.getDecoder().decode(base64));
    return secrets;
  }

  private static Path onlyKeyFile(Path sandboxDirectory) throws IOException {
    List<Path> keys;
    try (Stream<Path> files = Files.list(sandboxDirectory)) {
      keys = files.filter(f -> f.getFileName().toString().endsWith(".p8")).toList();
    }
    assertThat(keys).as("sandbox private key files (AuthKey_*.p8)").hasSize(1);

    return keys.get(0);
  }

  /** Returns the run summaries and the raw zone's manifests and index entries. */
  private static List<Path> summaryAndManifestFiles(Path lake) throws IOException {
    try (Stream<Path> files = Files.walk(lake)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              file -> {
                Path relative = lake.relativize(file);
                String name = file.getFileName().toString();
                return relative.startsWith("runs")
                    || (relative.startsWith("raw") && name.endsWith(".json"));
              })
          .toList();
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String abbreviate(String secret) {
    return secret.length() <= 24 ? secret : secret.substring(0, 24) + "...";
  }
}
