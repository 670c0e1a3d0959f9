package io.appstoreetl.extractor.raw;

/** A value that was about to go into a raw-zone key does not have its strict form. */
public class InvalidKeyValueException extends IllegalArgumentException {
  public InvalidKeyValueException(String message) {
    super(message);
  }
}
