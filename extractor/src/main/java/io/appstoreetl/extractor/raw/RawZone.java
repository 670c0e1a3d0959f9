package io.appstoreetl.extractor.raw;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw zone on a local file system: keys are {@code /}-separated paths below the root.
 *
 * <p>Attempt files are created new and never overwritten. Small JSON documents (manifests, index
 * entries, the request registry, run summaries) are written to a hidden temporary file beside their
 * key and then renamed onto it, so that a reader sees either nothing or the whole document.
 *
 * <p>NOTE: only local folders are supported; an {@code s3://} root is rejected by the
 * configuration.
 */
public class RawZone {
  private static final Logger LOG = LoggerFactory.getLogger(RawZone.class);

  private final Path root;
  private final ObjectMapper mapper;

  public RawZone(Path root, ObjectMapper mapper) {
    this.root = root.toAbsolutePath().normalize();
    this.mapper = mapper;
  }

  public Path root() {
    return root;
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  /** Maps a key to its path, rejecting any key that could leave the root. */
  public Path resolve(String key) {
    if (key == null
        || key.isEmpty()
        || key.startsWith("/")
        || key.contains("\\")
        || key.contains("//")
        || List.of(key.split("/")).stream()
            .anyMatch(part -> part.equals("..") || part.equals("."))) {
      throw new InvalidKeyValueException("Invalid raw-zone key: " + key + " (expected a/b/c)");
    }

    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root)) {
      throw new InvalidKeyValueException("Invalid raw-zone key: " + key + " (leaves the root)");
    }

    return path;
  }

  public boolean exists(String key) {
    return Files.exists(resolve(key));
  }

  /** Opens a new file for writing; fails if the key exists, because attempts are never reused. */
  public OutputStream createNew(String key) throws IOException {
    Path path = resolve(key);
    Files.createDirectories(path.getParent());

    return Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  public InputStream open(String key) throws IOException {
    return Files.newInputStream(resolve(key));
  }

  public Optional<byte[]> readIfExists(String key) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(resolve(key)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Writes {@code bytes} to a temporary file beside {@code key} and renames it onto the key. */
  public void writeAtomically(String key, byte[] bytes) throws IOException {
    Path path = resolve(key);
    Files.createDirectories(path.getParent());
    Path temporary = path.resolveSibling("." + path.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      Files.write(temporary, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  public void writeJson(String key, Object document) throws IOException {
    writeAtomically(key, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
  }

  /** Lists the names of the folders directly below {@code folderKey}, sorted; empty if absent. */
  public List<String> listFolders(String folderKey) throws IOException {
    Path folder = resolve(folderKey);
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return names;
    }

    try (DirectoryStream<Path> children = Files.newDirectoryStream(folder, Files::isDirectory)) {
      for (Path child : children) {
        names.add(child.getFileName().toString());
      }
    }
    names.sort(null);

    return names;
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
}
