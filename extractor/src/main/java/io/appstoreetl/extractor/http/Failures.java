package io.appstoreetl.extractor.http;

/** Text for failures in messages and logs. */
public final class Failures {
  private Failures() {}

  /**
   * Returns the exception's message, or its class name when it has none (a refused connection often
   * has no message).
   */
  public static String describe(Throwable failure) {
    String message = failure.getMessage();

    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }
}
