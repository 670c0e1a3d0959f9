package io.appstoreetl.sandbox.analytics;

/**
 * One generated segment: a gzip TSV file with a header row.
 *
 * @param index position of the segment within its instance, from 0
 * @param bytes the gzip bytes
 * @param md5 lower-case hex MD5 of the gzip bytes, the segment's {@code checksum}
 */
public record SegmentFile(int index, byte[] bytes, String md5) {

  public int sizeInBytes() {
    return bytes.length;
  }
}
