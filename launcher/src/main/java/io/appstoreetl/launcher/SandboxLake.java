package io.appstoreetl.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appstoreetl.sandbox.SandboxConfig;
import io.appstoreetl.sandbox.SandboxServer;
import io.appstoreetl.sandbox.ads.AppleAdsData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The sandbox that belongs to one local lake.
 *
 * <p>The first sandbox run stores its settings (seed, number of apps, first day of data) and a
 * generated API key in {@code lake/sandbox}. Later runs reuse them, so that consecutive daily runs
 * see one consistent history, as they would against Apple. The key is an ordinary App Store Connect
 * {@code .p8} file (PKCS#8 PEM, P-256), readable only by its owner. The Apple Ads key beside it is
 * a SEC1 PEM, as Apple's instructions make it, and the extractor's environment points Apple Ads at
 * the sandbox too.
 */
final class SandboxLake {

  static final String KEY_ID = "SANDBOX001";
  static final String APPLE_ADS_CLIENT_ID = "SEARCHADS.00000000-0000-4000-8000-000000000001";
  static final String APPLE_ADS_TEAM_ID = "SEARCHADS.00000000-0000-4000-8000-000000000002";
  static final String APPLE_ADS_KEY_ID = "00000000-0000-4000-8000-000000000003";
  static final String APPLE_ADS_KEY_FILE = "apple-ads-private-key.pem";

  /** Rows per Apple Ads report page, small so that every campaign's report spans pages. */
  static final int APPLE_ADS_PAGE_SIZE = 25;

  static final String SETTINGS_FILE = "sandbox.json";
  static final int DEFAULT_HISTORY_DAYS = 3;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The stored settings of a lake's sandbox. */
  record Settings(long seed, int appCount, LocalDate historyStart, String issuerId) {}

  private final Path directory;

  SandboxLake(Lake lake) {
    this.directory = lake.sandboxDirectory();
  }

  /**
   * Reads the stored settings, or stores new ones built from the arguments when the lake has none.
   * An explicit {@code appCount} replaces the stored one.
   */
  Settings settings(long seed, Integer appCount, LocalDate firstDate) {
    Path file = directory.resolve(SETTINGS_FILE);
    try {
      if (Files.exists(file)) {
        ObjectNode node = (ObjectNode) JSON.readTree(file.toFile());
        Settings stored =
            new Settings(
                node.get("seed").asLong(),
                node.get("app_count").asInt(),
                LocalDate.parse(node.get("history_start").asText()),
                node.get("issuer_id").asText());
        if (appCount == null || appCount == stored.appCount()) {
          return stored;
        }
        return write(
            file, new Settings(stored.seed(), appCount, stored.historyStart(), stored.issuerId()));
      }
      Files.createDirectories(directory);
      Settings fresh =
          new Settings(
              seed,
              appCount == null ? 3 : appCount,
              firstDate.minusDays(DEFAULT_HISTORY_DAYS),
              UUID.randomUUID().toString());
      return write(file, fresh);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write sandbox settings " + file, e);
    }
  }

  private static Settings write(Path file, Settings settings) throws IOException {
    ObjectNode node = JSON.createObjectNode();
    node.put("seed", settings.seed());
    node.put("app_count", settings.appCount());
    node.put("history_start", settings.historyStart().toString());
    node.put("issuer_id", settings.issuerId());
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), node);
    return settings;
  }

  /** Starts the sandbox with the stored settings and its clock at {@code today}. */
  SandboxServer start(Settings settings, LocalDate today) throws IOException {
    return start(settings, today, UnaryOperator.identity());
  }

  /**
   * Starts the sandbox with the stored settings, its clock at {@code today}, and whatever else
   * {@code customizer} sets (tests switch on faults this way), and registers the lake's key.
   */
  SandboxServer start(
      Settings settings, LocalDate today, UnaryOperator<SandboxConfig.Builder> customizer)
      throws IOException {
    SandboxConfig.Builder builder =
        SandboxConfig.builder()
            .seed(settings.seed())
            .appCount(settings.appCount())
            .historyStart(settings.historyStart())
            .today(today)
            .appleAdsMaxPageSize(APPLE_ADS_PAGE_SIZE);
    SandboxServer server = SandboxServer.start(customizer.apply(builder).build());
    server.registerKey(KEY_ID, settings.issuerId(), publicKey());
    server.registerAppleAdsClient(
        APPLE_ADS_CLIENT_ID, APPLE_ADS_TEAM_ID, APPLE_ADS_KEY_ID, appleAdsPublicKey());
    return server;
  }

  /** Returns the extractor's environment for a sandbox: its key, vendor number and apps. */
  Map<String, String> extractorEnvironment(Settings settings, SandboxServer server) {
    Map<String, String> environment = new HashMap<>();
    environment.put("ASC_ISSUER_ID", settings.issuerId());
    environment.put("ASC_KEY_ID", KEY_ID);
    environment.put("ASC_P8_PATH", privateKeyFile().toString());
    environment.put("APPLE_VENDOR_NUMBER", server.config().vendorNumber());
    environment.put("APP_IDS", String.join(",", server.config().appIds()));
    environment.put("APPLE_ADS_CLIENT_ID", APPLE_ADS_CLIENT_ID);
    environment.put("APPLE_ADS_TEAM_ID", APPLE_ADS_TEAM_ID);
    environment.put("APPLE_ADS_KEY_ID", APPLE_ADS_KEY_ID);
    environment.put("APPLE_ADS_KEY_PATH", appleAdsKeyFile().toString());
    environment.put("APPLE_ADS_ACCOUNT_ID", AppleAdsData.AD_ACCOUNT_ID);
    environment.put("APPLE_ADS_API_BASE_URL", server.appleAdsBaseUrl());
    environment.put("APPLE_ADS_TOKEN_URL", server.appleAdsTokenUrl());
    return environment;
  }

  /** Returns the {@code .p8} file of the sandbox key, creating the key on first use. */
  Path privateKeyFile() {
    Path file = directory.resolve("AuthKey_" + KEY_ID + ".p8");
    if (!Files.exists(file)) {
      generateKey(file);
    }
    return file;
  }

  /**
   * Returns the Apple Ads key file, creating the key on first use. It is a SEC1 PEM ({@code BEGIN
   * EC PRIVATE KEY}), the form Apple's instructions ({@code openssl ecparam -genkey}) produce.
   */
  Path appleAdsKeyFile() {
    Path file = directory.resolve(APPLE_ADS_KEY_FILE);
    if (!Files.exists(file)) {
      generateAppleAdsKey(file);
    }
    return file;
  }

  private ECPublicKey appleAdsPublicKey() {
    Path file = directory.resolve("apple-ads-public-key.pem");
    appleAdsKeyFile();
    try {
      byte[] der = Base64.getMimeDecoder().decode(pemBody(Files.readString(file)));
      return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read sandbox Apple Ads public key " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Invalid sandbox Apple Ads public key in " + file, e);
    }
  }

  private void generateAppleAdsKey(Path privateKeyFile) {
    try {
      Files.createDirectories(directory);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      Files.writeString(
          directory.resolve("apple-ads-public-key.pem"),
          pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      Files.deleteIfExists(privateKeyFile);
      Files.createFile(
          privateKeyFile,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(privateKeyFile, pem("EC PRIVATE KEY", sec1(pair)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write sandbox Apple Ads key " + privateKeyFile, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot generate an EC P-256 key pair", e);
    }
  }

  /**
   * Encodes a P-256 key pair as SEC1 {@code ECPrivateKey} DER (RFC 5915): version 1, the private
   * scalar, the named curve and the public point.
   */
  private static byte[] sec1(KeyPair pair) {
    ECPrivateKey privateKey = (ECPrivateKey) pair.getPrivate();
    ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
    byte[] p256 = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
    ByteArrayOutputStream point = new ByteArrayOutputStream();
    point.write(0); // no unused bits in the BIT STRING
    point.write(0x04); // an uncompressed point
    point.writeBytes(unsigned32(publicKey.getW().getAffineX()));
    point.writeBytes(unsigned32(publicKey.getW().getAffineY()));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(der(0x02, new byte[] {1}));
    body.writeBytes(der(0x04, unsigned32(privateKey.getS())));
    body.writeBytes(der(0xa0, p256));
    body.writeBytes(der(0xa1, der(0x03, point.toByteArray())));
    return der(0x30, body.toByteArray());
  }

  private static byte[] unsigned32(BigInteger value) {
    byte[] bytes = value.toByteArray();
    byte[] fixed = new byte[32];
    int length = Math.min(bytes.length, 32);
    System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
    return fixed;
  }

  /** Returns one DER element; every element here is shorter than 256 bytes. */
  private static byte[] der(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    if (value.length >= 0x80) {
      out.write(0x81);
    }
    out.write(value.length);
    out.writeBytes(value);
    return out.toByteArray();
  }

  private ECPublicKey publicKey() {
    Path file = directory.resolve("AuthKey_" + KEY_ID + ".pub");
    privateKeyFile();
    try {
      byte[] der = Base64.getMimeDecoder().decode(pemBody(Files.readString(file)));
      return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read sandbox public key " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Invalid sandbox public key in " + file, e);
    }
  }

  private void generateKey(Path privateKeyFile) {
    try {
      Files.createDirectories(directory);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      ECPrivateKey privateKey = (ECPrivateKey) pair.getPrivate();
      // Check that the PKCS#8 encoding reads back before it is stored.
      KeyFactory.getInstance("EC")
          .generatePrivate(new PKCS8EncodedKeySpec(privateKey.getEncoded()));

      Path publicKeyFile = directory.resolve("AuthKey_" + KEY_ID + ".pub");
      Files.writeString(publicKeyFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      Files.deleteIfExists(privateKeyFile);
      Files.createFile(
          privateKeyFile,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(privateKeyFile, pem("PRIVATE KEY", privateKey.getEncoded()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write sandbox key " + privateKeyFile, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot generate an EC P-256 key pair", e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static String pemBody(String pem) {
    return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
  }
}
