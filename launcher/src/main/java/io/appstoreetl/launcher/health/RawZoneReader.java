package io.appstoreetl.launcher.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads the few raw-zone keys the health check needs (run summaries and the request registry), on a
 * local folder or under an S3 prefix. Keys are relative to the raw root, as in docs/raw-zone.md.
 */
public interface RawZoneReader {

  /** Where the raw zone is, for messages: a folder or an {@code s3://} URI. */
  String location();

  /**
   * Returns the names directly under {@code folder} (a key ending in {@code /}): files by name,
   * subfolders by name with a trailing {@code /}, sorted. A missing folder has no names.
   *
   * @throws HealthReadException if the raw zone cannot be listed
   */
  List<String> list(String folder);

  /**
   * Returns the text of {@code key}, or empty when it does not exist.
   *
   * @throws HealthReadException if the key exists but cannot be read
   */
  Optional<String> read(String key);

  /** Returns a reader of the raw zone in the local folder {@code root}. */
  static RawZoneReader local(Path root) {
    return new Local(root.toAbsolutePath().normalize());
  }

  /** Returns a reader of the raw zone under {@code s3://bucket/prefix}; the caller closes s3. */
  static RawZoneReader s3(S3Client s3, String bucket, String prefix) {
    return new S3(s3, bucket, prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/");
  }

  /** The raw zone in a local folder. */
  record Local(Path root) implements RawZoneReader {
    @Override
    public String location() {
      return root.toString();
    }

    @Override
    public List<String> list(String folder) {
      Path path = root.resolve(folder);
      if (!Files.isDirectory(path)) {
        return List.of();
      }
      TreeSet<String> names = new TreeSet<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          names.add(Files.isDirectory(entry) ? name + "/" : name);
        }
      } catch (IOException e) {
        throw new HealthReadException("Cannot list " + path + ": " + e.getMessage(), e);
      }
      return new ArrayList<>(names);
    }

    @Override
    public Optional<String> read(String key) {
      Path path = root.resolve(key);
      try {
        return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException | UncheckedIOException e) {
        throw new HealthReadException("Cannot read " + path + ": " + e.getMessage(), e);
      }
    }
  }

  /** The raw zone under an S3 prefix. */
  record S3(S3Client s3, String bucket, String prefix) implements RawZoneReader {
    @Override
    public String location() {
      return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public List<String> list(String folder) {
      String listed = prefix + folder;
      TreeSet<String> names = new TreeSet<>();
      try {
        String token = null;
        do {
          ListObjectsV2Response page =
              s3.listObjectsV2(
                  ListObjectsV2Request.builder()
                      .bucket(bucket)
                      .prefix(listed)
                      .delimiter("/")
                      .continuationToken(token)
                      .build());
          for (S3Object object : page.contents()) {
            names.add(object.key().substring(listed.length()));
          }
          for (CommonPrefix common : page.commonPrefixes()) {
            names.add(common.prefix().substring(listed.length()));
          }
          token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
      } catch (SdkException e) {
        throw new HealthReadException(
            "Cannot list s3://" + bucket + "/" + listed + ": " + e.getMessage(), e);
      }
      names.remove("");
      return new ArrayList<>(names);
    }

    @Override
    public Optional<String> read(String key) {
      try {
        ResponseBytes<GetObjectResponse> bytes =
            s3.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + key));
        return Optional.of(bytes.asUtf8String());
      } catch (NoSuchKeyException e) {
        return Optional.empty();
      } catch (SdkException e) {
        throw new HealthReadException(
            "Cannot read s3://" + bucket + "/" + prefix + key + ": " + e.getMessage(), e);
      }
    }
  }
}
