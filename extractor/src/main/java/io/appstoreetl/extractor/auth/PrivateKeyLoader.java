package io.appstoreetl.extractor.auth;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/** Loads the App Store Connect API key: a PEM-encoded PKCS#8 EC private key on curve P-256. */
public final class PrivateKeyLoader {
  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";

  private PrivateKeyLoader() {}

  /**
   * Reads the {@code .p8} file at {@code path}. Error messages name the path and never contain any
   * of the key's bytes.
   *
   * @throws InvalidPrivateKeyException when the file cannot be read or is not an EC P-256 key
   */
  public static ECPrivateKey load(Path path) {
    String pem;
    try {
      pem = Files.readString(path, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new InvalidPrivateKeyException(
          "Cannot read App Store Connect private key " + path + ": " + describe(e), e);
    }

    int begin = pem.indexOf(BEGIN);
    int end = pem.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new InvalidPrivateKeyException(
          "Invalid App Store Connect private key "
              + path
              + ": no PEM block \""
              + BEGIN
              + "\" (expected a PKCS#8 .p8 file as Apple issues it)",
          null);
    }

    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
    } catch (IllegalArgumentException e) {
      throw new InvalidPrivateKeyException(
          "Invalid App Store Connect private key " + path + ": the PEM block is not valid Base64",
          e);
    }

    ECPrivateKey key;
    try {
      key =
          (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new InvalidPrivateKeyException(
          "Invalid App Store Connect private key "
              + path
              + ": not an EC private key (expected EC P-256)",
          e);
    }
    if (!isP256(key.getParams())) {
      throw new InvalidPrivateKeyException(
          "Invalid App Store Connect private key "
              + path
              + ": EC key of "
              + key.getParams().getCurve().getField().getFieldSize()
              + " bits (expected EC P-256)",
          null);
    }

    return key;
  }

  /**
   * Returns a warning when the key file may be read by its group or by others, or empty when only
   * its owner may read it or the file system has no POSIX permissions.
   */
  public static Optional<String> permissionWarning(Path path) {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(path);
    } catch (UnsupportedOperationException | IOException e) {
      return Optional.empty();
    }

    boolean shared =
        permissions.contains(PosixFilePermission.GROUP_READ)
            || permissions.contains(PosixFilePermission.OTHERS_READ);
    if (!shared) {
      return Optional.empty();
    }

    return Optional.of(
        "App Store Connect private key "
            + path
            + " is readable by "
            + (permissions.contains(PosixFilePermission.OTHERS_READ) ? "others" : "its group")
            + " (permissions "
            + PosixFilePermissions.toString(permissions)
            + "); restrict it with: chmod 600 "
            + path);
  }

  private static boolean isP256(ECParameterSpec params) {
    try {
      AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
      p256.init(new ECGenParameterSpec("secp256r1"));
      BigInteger order = p256.getParameterSpec(ECParameterSpec.class).getOrder();

      return order.equals(params.getOrder());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("[BUG] this JDK lacks the secp256r1 curve", e);
    }
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "file not found";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }

    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
  }
}
