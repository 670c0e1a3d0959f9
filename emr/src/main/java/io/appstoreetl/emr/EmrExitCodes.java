package io.appstoreetl.emr;

/**
 * Exit codes of {@code appstore-etl emr}. Codes 0 to 3 mean what they mean for the other launcher
 * commands.
 */
public final class EmrExitCodes {

  public static final int OK = 0;

  /** The job run ended FAILED, or the uploaded jar does not match the local file. */
  public static final int FAILED = 1;

  /** Invalid command-line input; picocli uses the same code. */
  public static final int USAGE = 2;

  /** Missing or invalid configuration, or no job jar to upload; nothing was sent to AWS. */
  public static final int UNEXPECTED_STATE = 3;

  /** The job run ended CANCELLED: by a person, or by its execution timeout. */
  public static final int CANCELLED = 4;

  /** {@code --wait} stopped waiting before the job run ended; the run itself goes on. */
  public static final int WAIT_TIMED_OUT = 5;

  /** An AWS call failed: access denied, invalid request, throttling or no connection. */
  public static final int AWS_ERROR = 6;

  private EmrExitCodes() {}
}
