package io.appstoreetl.sandbox.http;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a response body that is generated while it streams. */
@FunctionalInterface
public interface BodyWriter {
  void writeTo(OutputStream output) throws IOException;
}
