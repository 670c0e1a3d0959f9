package io.appstoreetl.extractor.raw;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw zone: keys are {@code /}-separated paths below the root, stored in a local folder or
 * under an S3 prefix (see {@link RawStore}).
 *
 * <p>Every key is checked here before it reaches the store, so no key can leave the root. Attempt
 * files are created new and never overwritten; small JSON documents (manifests, index entries, the
 * request registry, run summaries) are replaced whole, so that a reader sees either nothing or the
 * whole document.
 */
public class RawZone implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(RawZone.class);

  private final RawStore store;
  private final ObjectMapper mapper;

  /** Returns the raw zone in the local folder {@code root}. */
  public RawZone(Path root, ObjectMapper mapper) {
    this(new LocalRawStore(root), mapper);
  }

  public RawZone(RawStore store, ObjectMapper mapper) {
    this.store = store;
    this.mapper = mapper;
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * Returns where {@code key} is stored (a path or an {@code s3://} URI), rejecting any key that
   * could leave the root.
   */
  public String location(String key) {
    return store.location(checked(key));
  }

  /**
   * Returns {@code key} unchanged if it is {@code a/b/c} form without empty, {@code .} or {@code
   * ..} segments.
   *
   * @throws InvalidKeyValueException otherwise
   */
  static String checked(String key) {
    if (key == null
        || key.isEmpty()
        || key.startsWith("/")
        || key.contains("\\")
        || key.contains("//")
        || List.of(key.split("/")).stream()
            .anyMatch(part -> part.equals("..") || part.equals("."))) {
      throw new InvalidKeyValueException("Invalid raw-zone key: " + key + " (expected a/b/c)");
    }

    return key;
  }

  public boolean exists(String key) throws IOException {
    return store.exists(checked(key));
  }

  /** Opens a new file for writing; fails if the key exists, because attempts are never reused. */
  public OutputStream createNew(String key) throws IOException {
    return store.createNew(checked(key));
  }

  public InputStream open(String key) throws IOException {
    return store.open(checked(key));
  }

  public Optional<byte[]> readIfExists(String key) throws IOException {
    return store.readIfExists(checked(key));
  }

  /** Replaces the document at {@code key} with {@code bytes} in one step. */
  public void writeAtomically(String key, byte[] bytes) throws IOException {
    store.writeAtomically(checked(key), bytes);
  }

  public void writeJson(String key, Object document) throws IOException {
    writeAtomically(key, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
  }

  /** Lists the names of the folders directly below {@code folderKey}, sorted; empty if absent. */
  public List<String> listFolders(String folderKey) throws IOException {
    return store.listFolders(checked(folderKey));
  }

  /**
   * Publishes a unit: writes one date index entry per metric date, then the manifest. The manifest
   * comes last so that an index entry never points at a unit that a reader could take as complete
   * before its entries exist.
   */
  public void publishUnit(String unitKey, Collection<LocalDate> indexDates, ObjectNode manifest)
      throws IOException {
    for (LocalDate date : indexDates) {
      ObjectNode entry = mapper.createObjectNode().put("unit", unitKey);
      writeJson(RawKeys.indexEntry(date.toString(), unitKey), entry);
    }
    CrashTestPause.beforeManifest(unitKey);
    writeJson(unitKey + RawKeys.MANIFEST, manifest);
    LOG.debug("Published unit {} with {} index entries", unitKey, indexDates.size());
  }

  @Override
  public void close() throws IOException {
    store.close();
  }
}
