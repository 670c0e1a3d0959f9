package io.appstoreetl.extractor.analytics;

/** One analytics unit could not be landed; the run records it and goes on with the others. */
public class UnitLandingException extends Exception {
  public UnitLandingException(String message, Throwable cause) {
    super(message, cause);
  }
}
