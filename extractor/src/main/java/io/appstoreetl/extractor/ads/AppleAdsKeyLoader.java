package io.appstoreetl.extractor.ads;

import io.appstoreetl.extractor.auth.InvalidPrivateKeyException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Loads the Apple Ads API private key: an EC P-256 key as a SEC1 PEM ({@code -----BEGIN EC PRIVATE
 * KEY-----}, what {@code openssl ecparam -genkey} writes and Apple's instructions produce) or as a
 * PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). Error messages name the file and never contain
 * any of the key's bytes.
 */
public final class AppleAdsKeyLoader {
  static final String SEC1_BEGIN = "-----BEGIN EC PRIVATE KEY-----";
  static final String SEC1_END = "-----END EC PRIVATE KEY-----";
  static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
  static final String PKCS8_END = "-----END PRIVATE KEY-----";

  /** DER of the OID 1.2.840.10045.3.1.7 (prime256v1, also called secp256r1 or P-256). */
  private static final byte[] P256_OID = {
    0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07
  };

  private static final String EXPECTED =
      "expected an EC P-256 private key as a PEM block \""
          + SEC1_BEGIN
          + "\" (SEC1, as openssl ecparam writes it) or \""
          + PKCS8_BEGIN
          + "\" (PKCS#8)";

  private AppleAdsKeyLoader() {}

  /**
   * Reads the key file at {@code path}.
   *
   * @throws InvalidPrivateKeyException when the file cannot be read or contains no EC P-256 key
   */
  public static ECPrivateKey load(Path path) {
    String pem;
    try {
      pem = Files.readString(path, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new InvalidPrivateKeyException(
          "Cannot read Apple Ads private key " + path + ": " + describe(e) + " (" + EXPECTED + ")",
          e);
    }

    ECPrivateKey key;
    if (pem.contains(SEC1_BEGIN)) {
      key = fromSec1(path, decode(path, pem, SEC1_BEGIN, SEC1_END));
    } else if (pem.contains(PKCS8_BEGIN)) {
      key = fromPkcs8(path, decode(path, pem, PKCS8_BEGIN, PKCS8_END));
    } else {
      throw new InvalidPrivateKeyException(
          "Invalid Apple Ads private key " + path + ": no PEM private key block (" + EXPECTED + ")",
          null);
    }

    if (!isP256(key.getParams())) {
      throw new InvalidPrivateKeyException(
          "Invalid Apple Ads private key "
              + path
              + ": EC key of "
              + key.getParams().getCurve().getField().getFieldSize()
              + " bits ("
              + EXPECTED
              + ")",
          null);
    }

    return key;
  }

  private static byte[] decode(Path path, String pem, String begin, String end) {
    int start = pem.indexOf(begin) + begin.length();
    int stop = pem.indexOf(end, start);
    if (stop < 0) {
      throw new InvalidPrivateKeyException(
          "Invalid Apple Ads private key " + path + ": no \"" + end + "\" line (" + EXPECTED + ")",
          null);
    }

    try {
      return Base64.getMimeDecoder().decode(pem.substring(start, stop));
    } catch (IllegalArgumentException e) {
      throw new InvalidPrivateKeyException(
          "Invalid Apple Ads private key " + path + ": the PEM block is not valid Base64", e);
    }
  }

  private static ECPrivateKey fromPkcs8(Path path, byte[] der) {
    try {
      return (ECPrivateKey)
          KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new InvalidPrivateKeyException(
          "Invalid Apple Ads private key " + path + ": not an EC PKCS#8 key (" + EXPECTED + ")", e);
    }
  }

  /**
   * Reads a SEC1 {@code ECPrivateKey}: {@code SEQUENCE { INTEGER 1, OCTET STRING privateKey, [0]
   * parameters OPTIONAL, [1] publicKey OPTIONAL }} (RFC 5915). The curve, when named, must be
   * P-256; the public key is not needed to sign.
   */
  private static ECPrivateKey fromSec1(Path path, byte[] der) {
    try {
      DerReader outer = new DerReader(der);
      DerReader sequence = outer.read(0x30).contents();
      byte[] version = sequence.read(0x02).value();
      if (version.length != 1 || version[0] != 1) {
        throw invalidSec1(path, "version is not 1");
      }

      byte[] scalar = sequence.read(0x04).value();
      while (sequence.hasMore()) {
        DerReader.Element element = sequence.read(-1);
        if (element.tag() == 0xa0 && !Arrays.equals(element.value(), P256_OID)) {
          throw invalidSec1(path, "the curve is not P-256 (prime256v1)");
        }
      }

      ECPrivateKeySpec spec = new ECPrivateKeySpec(new BigInteger(1, scalar), p256());
      return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(spec);
    } catch (IllegalArgumentException e) {
      if (e instanceof InvalidPrivateKeyException invalid) {
        throw invalid;
      }
      throw invalidSec1(path, e.getMessage());
    } catch (GeneralSecurityException e) {
      throw invalidSec1(path, e.getMessage());
    }
  }

  private static InvalidPrivateKeyException invalidSec1(Path path, String reason) {
    return new InvalidPrivateKeyException(
        "Invalid Apple Ads private key "
            + path
            + ": the EC PRIVATE KEY block is not a valid SEC1 key: "
            + reason
            + " ("
            + EXPECTED
            + ")",
        null);
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("[BUG] this JDK lacks the secp256r1 curve", e);
    }
  }

  private static boolean isP256(ECParameterSpec params) {
    return p256().getOrder().equals(params.getOrder());
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

  /** Reads DER elements with definite lengths, enough for a SEC1 key. */
  static final class DerReader {
    record Element(int tag, byte[] value) {
      DerReader contents() {
        return new DerReader(value);
      }
    }

    private final byte[] bytes;
    private int position;

    DerReader(byte[] bytes) {
      this.bytes = bytes;
    }

    boolean hasMore() {
      return position < bytes.length;
    }

    /** Reads the next element; {@code expectedTag} -1 accepts any tag. */
    Element read(int expectedTag) {
      if (position + 2 > bytes.length) {
        throw new IllegalArgumentException("the DER data ends early");
      }

      int tag = bytes[position++] & 0xff;
      if (expectedTag >= 0 && tag != expectedTag) {
        throw new IllegalArgumentException(
            String.format("DER tag 0x%02x where 0x%02x was expected", tag, expectedTag));
      }

      int length = bytes[position++] & 0xff;
      if (length > 0x7f) {
        int lengthBytes = length & 0x7f;
        if (lengthBytes < 1 || lengthBytes > 3 || position + lengthBytes > bytes.length) {
          throw new IllegalArgumentException("invalid DER length");
        }
        length = 0;
        for (int i = 0; i < lengthBytes; i++) {
          length = (length << 8) | (bytes[position++] & 0xff);
        }
      }
      if (position + length > bytes.length) {
        throw new IllegalArgumentException("the DER data ends early");
      }

      byte[] value = Arrays.copyOfRange(bytes, position, position + length);
      position += length;

      return new Element(tag, value);
    }
  }
}
