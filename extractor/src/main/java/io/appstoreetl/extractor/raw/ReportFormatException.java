package io.appstoreetl.extractor.raw;

import java.io.IOException;

/** A landed or imported report file cannot be read as the delimited text it should contain. */
public class ReportFormatException extends IOException {
  public ReportFormatException(String message) {
    super(message);
  }
}
