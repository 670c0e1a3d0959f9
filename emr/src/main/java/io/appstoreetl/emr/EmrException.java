package io.appstoreetl.emr;

/** A failure that ends an {@code emr} command with a message and one of {@link EmrExitCodes}. */
public final class EmrException extends RuntimeException {

  private final int exitCode;

  public EmrException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
