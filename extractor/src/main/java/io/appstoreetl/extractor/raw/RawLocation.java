package io.appstoreetl.extractor.raw;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;

/**
 * The raw zone's root: a local folder or an S3 prefix, exactly one of them set.
 *
 * @param folder the local folder, or null
 * @param s3 the S3 location and client settings, or null
 */
public record RawLocation(Path folder, S3RawSettings s3) {

  public RawLocation {
    if ((folder == null) == (s3 == null)) {
      throw new IllegalArgumentException("[BUG] a raw location is a folder or an S3 prefix");
    }
  }

  /** Opens the raw zone; the caller closes it. */
  public RawZone open(ObjectMapper mapper) {
    return s3 == null ? new RawZone(folder, mapper) : new RawZone(s3.store(), mapper);
  }

  @Override
  public String toString() {
    return s3 == null ? folder.toString() : s3.uri();
  }
}
