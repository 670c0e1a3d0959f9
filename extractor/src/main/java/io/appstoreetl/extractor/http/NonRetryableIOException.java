package io.appstoreetl.extractor.http;

import java.io.IOException;

/** An I/O failure that a second try cannot fix, such as a response that breaks a rule. */
public class NonRetryableIOException extends IOException {
  public NonRetryableIOException(String message) {
    super(message);
  }

  public NonRetryableIOException(String message, Throwable cause) {
    super(message, cause);
  }
}
