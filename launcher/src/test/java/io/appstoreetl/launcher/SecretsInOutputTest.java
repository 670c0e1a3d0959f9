package io.appstoreetl.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the daily job for one day against the sandbox and looks for the run's secrets in what it
 * printed and in the lake. The output scanned is the launcher's stdout and stderr, which include
 * its child processes' log lines and exception texts; the files are every file of the lake (run
 * summaries, manifests, index entries, logs, table data and metadata) except the sandbox's own key
 * folder.
 *
 * <p>The secrets are the exact ones of that run: the private key (its PEM text, each PEM line, the
 * Base64 and base64url of its DER bytes and the DER bytes themselves), every bearer token the
 * sandbox received (every JWT the extractor signed) and the signature part of each, every presigned
 * URL signature the sandbox handed out, and the same kinds of key text for the Apple Ads key. The
 * test also looks for anything shaped like a JWT (which covers the Apple Ads client secret), a
 * presigned signature or a sandbox Apple Ads access token. A self-check first plants each kind of
 * secret in a text and makes sure the scan reports it.
 */
class SecretsInOutputTest {

  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}");

  /** The opaque Apple Ads access tokens the sandbox issues. */
  private static final Pattern APPLE_ADS_TOKEN = Pattern.compile("sandbox-ads-[0-9a-f]{16,}");

  private static final Pattern PRESIGNED_SIGNATURE =
      Pattern.compile("X-Amz-Signature=[0-9A-Za-z%]{8,}");

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
    AtomicReference<SandboxServer> sandbox = new AtomicReference<>();
    LauncherRun.Result result =
        LauncherRun.run(
            commandLine ->
                ((DailyCommand) commandLine.getSubcommands().get("daily").getCommand())
                        .sandboxStarted =
                    sandbox::set,
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

    assertThat(sandbox.get()).as("sandbox started by the daily run").isNotNull();

    Map<String, byte[]> scanned = new LinkedHashMap<>();
    scanned.put("launcher stdout", result.stdout().getBytes(StandardCharsets.UTF_8));
    scanned.put("launcher stderr", result.stderr().getBytes(StandardCharsets.UTF_8));
    for (Path file : lakeFiles(lake)) {
      scanned.put(lake.relativize(file).toString(), Files.readAllBytes(file));
    }
    assertThat(scanned.keySet())
        .as("scanned files")
        .anyMatch(name -> name.startsWith("runs"))
        .anyMatch(name -> name.startsWith("raw") && name.contains("manifest"))
        .anyMatch(name -> name.startsWith("warehouse"));

    Map<String, byte[]> secrets = keySecrets(onlyKeyFile(lake.resolve("sandbox")), "private key");
    secrets.putAll(
        keySecrets(
            lake.resolve("sandbox").resolve(SandboxLake.APPLE_ADS_KEY_FILE), "Apple Ads key"));
    // Controls: the key secrets are found in the key file itself.
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

    Set<String> tokens = sandbox.get().receivedBearerTokens();
    Set<String> signatures = sandbox.get().issuedUrlSignatures();
    assertThat(tokens).as("bearer tokens the sandbox received").isNotEmpty();
    assertThat(signatures).as("presigned URL signatures the sandbox handed out").isNotEmpty();
    int number = 0;
    for (String token : tokens) {
      number++;
      assertThat(token).as("received bearer token %d", number).matches(JWT);
      secrets.put("JWT " + number, token.getBytes(StandardCharsets.US_ASCII));
      String signaturePart = token.substring(token.lastIndexOf('.') + 1);
      secrets.put(
          "JWT " + number + " signature", signaturePart.getBytes(StandardCharsets.US_ASCII));
    }
    number = 0;
    for (String signature : signatures) {
      number++;
      secrets.put(
          "presigned URL signature " + number, signature.getBytes(StandardCharsets.US_ASCII));
    }

    // Self-check: each kind of secret planted in a log-like text is reported.
    String anySignature = signatures.iterator().next();
    String anyToken = tokens.iterator().next();
    String keyLine = new String(secrets.get("private key Base64"), StandardCharsets.US_ASCII);
    Map<String, byte[]> planted = new LinkedHashMap<>();
    planted.put(
        "planted URL",
        ("GET http://127.0.0.1/f.gz?X-Amz-Date=1&amp;X-Amz-Signature=" + anySignature + " failed")
            .getBytes(StandardCharsets.UTF_8));
    planted.put(
        "planted token", ("Authorization: Bearer " + anyToken).getBytes(StandardCharsets.UTF_8));
    planted.put(
        "planted key",
        ("Cannot parse key " + keyLine.substring(0, 64)).getBytes(StandardCharsets.UTF_8));
    planted.put("planted DER", secrets.get("private key DER bytes"));
    List<String> plantedFindings = scan(planted, secrets);
    assertThat(plantedFindings)
        .as("findings in planted texts")
        .anyMatch(f -> f.startsWith("presigned URL signature") && f.endsWith("in planted URL"))
        .anyMatch(f -> f.startsWith("JWT") && f.endsWith("in planted token"))
        .anyMatch(f -> f.startsWith("private key Base64 line") && f.endsWith("in planted key"))
        .anyMatch(f -> f.startsWith("private key DER bytes") && f.endsWith("in planted DER"));
    assertThat(
            scan(
                Map.of(
                    "example token", EXAMPLE_TOKEN.getBytes(StandardCharsets.US_ASCII),
                    "example URL", EXAMPLE_URL.getBytes(StandardCharsets.US_ASCII)),
                Map.of()))
        .as("shape findings in an example token and URL")
        .hasSize(2);
    assertThat(
            scan(Map.of("clean text", "no secret here".getBytes(StandardCharsets.UTF_8)), secrets))
        .as("findings in a clean text")
        .isEmpty();

    assertThat(scan(scanned, secrets)).as("secrets found in output and lake files").isEmpty();
  }

  /** Returns where each exact secret, and each JWT or signature shape, occurs in the sources. */
  private static List<String> scan(Map<String, byte[]> sources, Map<String, byte[]> secrets) {
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, byte[]> source : sources.entrySet()) {
      String text = new String(source.getValue(), StandardCharsets.ISO_8859_1);
      for (Map.Entry<String, byte[]> secret : secrets.entrySet()) {
        if (text.contains(new String(secret.getValue(), StandardCharsets.ISO_8859_1))) {
          found.add(secret.getKey() + " in " + source.getKey());
        }
      }
      for (Pattern pattern : List.of(JWT, PRESIGNED_SIGNATURE, APPLE_ADS_TOKEN)) {
        Matcher matcher = pattern.matcher(text);
        if (matcher.find()) {
          found.add(
              "\"" + abbreviate(matcher.group()) + "\" (" + pattern + ") in " + source.getKey());
        }
      }
    }
    return found;
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
    byte[] der = Base64.getDecoder().decode(base64);
    secrets.put(name + " DER bytes", der);
    secrets.put(
        name + " DER base64url",
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(der)
            .getBytes(StandardCharsets.US_ASCII));
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

  /** Returns every file of the lake except the sandbox's key folder. */
  private static List<Path> lakeFiles(Path lake) throws IOException {
    try (Stream<Path> files = Files.walk(lake)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> !lake.relativize(file).startsWith("sandbox"))
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
