package io.appstoreetl.sandbox.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * The way a segment's bytes differ from the plain file, fixed when its URL is signed so that the
 * download serves what the listing announced.
 *
 * @param multiMember each segment is written as several concatenated gzip members
 * @param truncated the file is cut short, and the listing announces the cut bytes' size and MD5
 */
record SegmentVariant(boolean multiMember, boolean truncated) {

  static final SegmentVariant PLAIN = new SegmentVariant(false, false);

  /** Returns the value of the URL's variant parameter, empty for the plain file. */
  String parameterValue() {
    List<String> parts = new ArrayList<>();
    if (multiMember) {
      parts.add("multi-member");
    }
    if (truncated) {
      parts.add("truncated");
    }
    return String.join(",", parts);
  }

  static SegmentVariant parse(String value) {
    List<String> parts = List.of(value.split(","));
    return new SegmentVariant(parts.contains("multi-member"), parts.contains("truncated"));
  }
}
