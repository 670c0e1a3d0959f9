package io.appstoreetl.extractor.raw;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The raw zone in a local folder. Attempt files are created new and never overwritten. Small JSON
 * documents are written to a hidden temporary file beside their key and then renamed onto it, so
 * that a reader sees either nothing or the whole document.
 */
public final class LocalRawStore implements RawStore {

  private final Path root;

  public LocalRawStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** Maps a key that {@link RawZone} has checked to its path, which must stay below the root. */
  public Path path(String key) {
    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root)) {
      throw new InvalidKeyValueException("Invalid raw-zone key: " + key + " (leaves the root)");
    }

    return path;
  }

  @Override
  public boolean exists(String key) {
    return Files.exists(path(key));
  }

  @Override
  public OutputStream createNew(String key) throws IOException {
    Path path = path(key);
    Files.createDirectories(path.getParent());

    return Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  @Override
  public InputStream open(String key) throws IOException {
    return Files.newInputStream(path(key));
  }

  @Override
  public Optional<byte[]> readIfExists(String key) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(path(key)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void writeAtomically(String key, byte[] bytes) throws IOException {
    Path path = path(key);
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

  @Override
  public List<String> listFolders(String folderKey) throws IOException {
    Path folder = path(folderKey);
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

  @Override
  public String location(String key) {
    return path(key).toString();
  }
}
