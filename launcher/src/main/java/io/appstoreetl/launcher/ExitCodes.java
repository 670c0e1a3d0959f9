package io.appstoreetl.launcher;

/** Exit codes of the {@code appstore-etl} command. */
final class ExitCodes {

  static final int OK = 0;

  /** A step ran and reported a failure (an app failed, a file was rejected). */
  static final int FAILED = 1;

  /** Invalid command-line input; picocli uses the same code. */
  static final int USAGE = 2;

  /** The launcher cannot run at all: missing build, missing configuration. */
  static final int UNEXPECTED_STATE = 3;

  private ExitCodes() {}
}
