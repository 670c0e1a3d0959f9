package io.appstoreetl.extractor.raw;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where the raw zone's bytes live: a local folder ({@link LocalRawStore}) or an S3 prefix ({@link
 * S3RawStore}). Keys are {@code /}-separated, relative to the root, and already checked by {@link
 * RawZone}.
 *
 * <p>Both implementations give the guarantees the raw zone relies on: a new attempt file never
 * replaces an existing key, and a reader of a small document sees either nothing or all of it.
 */
public interface RawStore extends Closeable {

  boolean exists(String key) throws IOException;

  /**
   * Opens a new object for writing; the bytes become visible under {@code key} by {@link
   * OutputStream#close}, at the latest.
   *
   * @throws java.nio.file.FileAlreadyExistsException if the key exists
   */
  OutputStream createNew(String key) throws IOException;

  /**
   * Opens the object at {@code key}; the caller closes the stream.
   *
   * @throws java.nio.file.NoSuchFileException if the key does not exist
   */
  InputStream open(String key) throws IOException;

  Optional<byte[]> readIfExists(String key) throws IOException;

  /** Replaces the object at {@code key} with {@code bytes} so that readers never see a part. */
  void writeAtomically(String key, byte[] bytes) throws IOException;

  /**
   * Returns the names of the folders (common prefixes on S3) directly below {@code folderKey},
   * sorted; empty if there are none.
   */
  List<String> listFolders(String folderKey) throws IOException;

  /** Returns where {@code key} is stored, as a path or an {@code s3://} URI, for messages. */
  String location(String key);

  @Override
  default void close() throws IOException {}
}
