package io.appstoreetl.curation.raw;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Read access to the raw zone through Hadoop's FileSystem, so that {@code file:} and {@code s3a:}
 * roots work alike.
 *
 * <p>Keys are relative to the root and use {@code /}. The object is serializable, so Spark tasks
 * read raw files with the driver's Hadoop configuration.
 */
public final class RawZone implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final String INDEX_FILE_SUFFIX = ".json";
  private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*");
  // Unit keys come from index entries; only partition segments such as report=x are accepted, so
  // an entry cannot point outside the raw root.
  private static final Pattern UNIT_KEY =
      Pattern.compile("source=[a-z]+(_[a-z]+)*(/[A-Za-z0-9_]+=[A-Za-z0-9._-]+)+/");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final SerializableConfiguration hadoopConf;

  private RawZone(Path root, Configuration hadoopConf) {
    this.root = root;
    this.hadoopConf = new SerializableConfiguration(hadoopConf);
  }

  /**
   * Returns the raw zone at {@code rootArgument}: a URI such as {@code s3a://bucket/prefix/raw} or
   * {@code file:/data/raw}, or a local path, which is made absolute.
   *
   * @throws IllegalArgumentException if the argument is empty or not a valid URI
   */
  public static RawZone at(String rootArgument, Configuration hadoopConf) {
    if (rootArgument == null || rootArgument.isBlank()) {
      throw new IllegalArgumentException("Invalid raw root: empty (expected a URI or a path)");
    }

    URI uri;
    if (URI_SCHEME.matcher(rootArgument).matches()) {
      try {
        uri = new URI(rootArgument);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "Invalid raw root: " + rootArgument + " (expected a URI or a path)", e);
      }
    } else {
      uri = Paths.get(rootArgument).toAbsolutePath().normalize().toUri();
    }

    String text = uri.toString();
    while (text.endsWith("/") && text.length() > 1) {
      text = text.substring(0, text.length() - 1);
    }

    return new RawZone(new Path(URI.create(text)), hadoopConf);
  }

  /** Returns the root URI, without a trailing slash. */
  public String root() {
    return root.toString();
  }

  /** Returns the index folder key of a metric date. */
  public static String indexFolder(LocalDate metricDate) {
    return "index/metric_date=" + metricDate + "/";
  }

  /** Returns the keys of the index entries of a metric date, sorted; none when it has no folder. */
  public List<String> listIndexEntries(LocalDate metricDate) throws IOException {
    String folder = indexFolder(metricDate);
    Path path = path(folder);
    FileStatus[] statuses;
    try {
      statuses = fileSystem(path).listStatus(path);
    } catch (FileNotFoundException e) {
      return List.of();
    }

    List<String> keys = new ArrayList<>();
    for (FileStatus status : statuses) {
      String name = status.getPath().getName();
      if (status.isFile() && name.endsWith(INDEX_FILE_SUFFIX)) {
        keys.add(folder + name);
      }
    }
    keys.sort(null);

    return keys;
  }

  /**
   * Returns the unit folder key (ending in {@code /}) named by the index entry at {@code entryKey}.
   *
   * @throws RawZoneException if the entry is not {@code {"unit": "<unit folder key>"}}
   */
  public static String unitKeyOfIndexEntry(String entryKey, String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new RawZoneException(
          "Invalid index entry " + entryKey + ": " + e.getOriginalMessage(), e);
    }
    JsonNode unit = node == null ? null : node.get("unit");
    if (unit == null || !unit.isTextual()) {
      throw new RawZoneException(
          "Invalid index entry "
              + entryKey
              + ": no \"unit\" string (expected {\"unit\": \"source=...\"})");
    }

    String unitKey = unit.textValue().endsWith("/") ? unit.textValue() : unit.textValue() + "/";
    if (!UNIT_KEY.matcher(unitKey).matches()) {
      throw new RawZoneException(
          "Invalid index entry "
              + entryKey
              + ": unit "
              + unit.textValue()
              + " (expected a unit folder key such as"
              + " source=analytics/report=.../instance_id=.../)");
    }

    return unitKey;
  }

  /**
   * Returns the names of the folders directly under the folder {@code key} (ending in {@code /}),
   * sorted; none when the folder does not exist.
   */
  public List<String> listFolders(String key) throws IOException {
    return list(key, true /* folders */);
  }

  /**
   * Returns the names of the files directly under the folder {@code key} (ending in {@code /}),
   * sorted; none when the folder does not exist.
   */
  public List<String> listFiles(String key) throws IOException {
    return list(key, false /* files */);
  }

  /**
   * Returns the first 16 hex digits of the SHA-256 of a unit folder key: the file name (without
   * {@code .json}) of the unit's index entries.
   */
  public static String unitHash(String unitKey) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(unitKey.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("[BUG] SHA-256 is missing from this JDK", e);
    }
  }

  /** Returns the unit hash in the name of an index entry key. */
  public static String unitHashOfIndexEntry(String entryKey) {
    String name = entryKey.substring(entryKey.lastIndexOf('/') + 1);

    return name.endsWith(INDEX_FILE_SUFFIX)
        ? name.substring(0, name.length() - INDEX_FILE_SUFFIX.length())
        : name;
  }

  /** Returns the text of the file at {@code key}, or empty when it does not exist. */
  public Optional<String> readTextIfExists(String key) throws IOException {
    Path path = path(key);
    try (InputStream in = fileSystem(path).open(path)) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Opens the file at {@code key}; the caller closes the stream. */
  public InputStream open(String key) throws IOException {
    Path path = path(key);
    return fileSystem(path).open(path);
  }

  private List<String> list(String key, boolean folders) throws IOException {
    Path path = path(key);
    FileStatus[] statuses;
    try {
      statuses = fileSystem(path).listStatus(path);
    } catch (FileNotFoundException e) {
      return List.of();
    }

    List<String> names = new ArrayList<>();
    for (FileStatus status : statuses) {
      if (status.isDirectory() == folders) {
        names.add(status.getPath().getName());
      }
    }
    names.sort(null);

    return names;
  }

  /** Returns the path of a key; the empty key is the root. */
  private Path path(String key) {
    return key.isEmpty() ? root : new Path(root, key);
  }

  private FileSystem fileSystem(Path path) throws IOException {
    return path.getFileSystem(hadoopConf.value());
  }
}
