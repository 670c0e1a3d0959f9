package io.appstoreetl.curation.parse;

/** A report value that cannot be read as its column's type; the message is the reject reason. */
public final class InvalidValueException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidValueException(String message) {
    super(message);
  }
}
