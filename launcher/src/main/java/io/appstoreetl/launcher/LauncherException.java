package io.appstoreetl.launcher;

/** A failure that ends a command with a message for the user and a specific exit code. */
final class LauncherException extends RuntimeException {

  private final int exitCode;

  LauncherException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
