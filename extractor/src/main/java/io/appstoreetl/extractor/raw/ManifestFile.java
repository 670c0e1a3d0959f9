package io.appstoreetl.extractor.raw;

/**
 * One file a manifest lists: its name inside the unit folder, size, MD5 (hex of the stored bytes)
 * and data rows. {@code segmentId} is set for analytics segments only.
 */
public record ManifestFile(
    String path, String segmentId, long sizeBytes, String md5, long rowCount) {}
