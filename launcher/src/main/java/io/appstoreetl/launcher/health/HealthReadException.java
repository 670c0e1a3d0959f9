package io.appstoreetl.launcher.health;

/** The health check cannot read the lake: the message names what it could not read. */
public final class HealthReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HealthReadException(String message) {
    super(message);
  }

  public HealthReadException(String message, Throwable cause) {
    super(message, cause);
  }
}
