package io.appstoreetl.extractor.analytics;

/**
 * A segment of an instance as Apple lists it: the MD5 {@code checksum} and {@code sizeInBytes} of
 * the gzip bytes ({@code sizeInBytes} is -1 when absent) and the presigned URL, valid for minutes.
 */
record SegmentRef(String id, String checksum, long sizeInBytes, String url) {}
