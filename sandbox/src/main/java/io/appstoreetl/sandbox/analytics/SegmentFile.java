package io.appstoreetl.sandbox.analytics;

import java.util.Arrays;

/**
 * One generated segment: a gzip TSV file with a header row, held in memory, or a streamed segment
 * that is generated again on every download.
 *
 * @param index position of the segment within its instance, from 0
 * @param bytes the gzip bytes, or null for a streamed segment
 * @param md5 lower-case hex MD5 of the gzip bytes, the segment's {@code checksum}
 * @param sizeInBytes length of the gzip bytes
 * @param streamed the generator of a streamed segment, or null for one held in memory
 */
public record SegmentFile(
    int index, byte[] bytes, String md5, long sizeInBytes, HugeSegment streamed) {

  static SegmentFile inMemory(int index, byte[] bytes) {
    return new SegmentFile(index, bytes, SegmentStore.md5Hex(bytes), bytes.length, null);
  }

  /** Returns the first part of an in-memory segment, cut inside its deflate data. */
  SegmentFile truncated() {
    if (streamed != null) {
      return this;
    }
    // A gzip header is 10 bytes and the trailer 8, so half of any segment cuts the deflate data.
    int length = Math.max(11, bytes.length / 2);
    byte[] cut = Arrays.copyOf(bytes, Math.min(length, bytes.length - 1));
    return inMemory(index, cut);
  }
}
