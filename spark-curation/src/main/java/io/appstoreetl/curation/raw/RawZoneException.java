package io.appstoreetl.curation.raw;

/** A raw-zone index entry or manifest that breaks the raw-zone contract. */
public final class RawZoneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RawZoneException(String message) {
    super(message);
  }

  public RawZoneException(String message, Throwable cause) {
    super(message, cause);
  }
}
