package io.appstoreetl.extractor.auth;

/** The App Store Connect private key cannot be read or is not an EC P-256 PKCS#8 key. */
public class InvalidPrivateKeyException extends IllegalArgumentException {
  public InvalidPrivateKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
