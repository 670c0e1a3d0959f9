package io.appstoreetl.extractor.raw;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The raw zone under an S3 prefix, through the AWS SDK v2 S3 client.
 *
 * <p>A PUT is atomic, so a manifest or index entry is visible whole or not at all, and the
 * manifest, written last, still marks a unit complete. Files go up in one PUT when they fit in one
 * part and as a multipart upload otherwise (see {@link S3UploadStream}), so no file is held in
 * memory whole. {@link #createNew} checks that the key is absent before it writes; attempt keys are
 * unique per attempt, so the check guards against a bug, not against a concurrent writer.
 *
 * <p>Errors of the SDK, which are unchecked, are turned into {@link IOException}s naming the {@code
 * s3://} URI, so that callers record a failed unit as they do for a local folder.
 */
public final class S3RawStore implements RawStore {

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final int partSizeBytes;

  /**
   * @param prefix key prefix of the raw zone without leading or trailing {@code /}, or empty
   * @param partSizeBytes size of each multipart upload part; S3 requires at least 5 MiB
   */
  public S3RawStore(S3Client s3, String bucket, String prefix, int partSizeBytes) {
    if (partSizeBytes < S3RawSettings.MIN_PART_SIZE_BYTES) {
      throw new IllegalArgumentException(
          "Invalid part size: "
              + partSizeBytes
              + " bytes (expected at least "
              + S3RawSettings.MIN_PART_SIZE_BYTES
              + ", the S3 minimum)");
    }
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
    this.partSizeBytes = partSizeBytes;
  }

  /** Returns the object key of a raw-zone key. */
  String objectKey(String key) {
    return prefix.isEmpty() ? key : prefix + "/" + key;
  }

  @Override
  public boolean exists(String key) throws IOException {
    String objectKey = objectKey(key);
    try {
      s3.headObject(request -> request.bucket(bucket).key(objectKey));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw failure("HEAD", key, e);
    } catch (SdkException e) {
      throw failure("HEAD", key, e);
    }
  }

  @Override
  public OutputStream createNew(String key) throws IOException {
    if (exists(key)) {
      throw new FileAlreadyExistsException(location(key));
    }

    return new S3UploadStream(s3, bucket, objectKey(key), partSizeBytes);
  }

  @Override
  public InputStream open(String key) throws IOException {
    String objectKey = objectKey(key);
    try {
      return s3.getObject(request -> request.bucket(bucket).key(objectKey));
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(location(key));
    } catch (SdkException e) {
      throw failure("GET", key, e);
    }
  }

  @Override
  public Optional<byte[]> readIfExists(String key) throws IOException {
    String objectKey = objectKey(key);
    try {
      return Optional.of(
          s3.getObjectAsBytes(request -> request.bucket(bucket).key(objectKey)).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failure("GET", key, e);
    }
  }

  @Override
  public void writeAtomically(String key, byte[] bytes) throws IOException {
    String objectKey = objectKey(key);
    try {
      s3.putObject(request -> request.bucket(bucket).key(objectKey), RequestBody.fromBytes(bytes));
    } catch (SdkException e) {
      throw failure("PUT", key, e);
    }
  }

  @Override
  public List<String> listFolders(String folderKey) throws IOException {
    String listPrefix = objectKey(folderKey.endsWith("/") ? folderKey : folderKey + "/");
    List<String> names = new ArrayList<>();
    try {
      for (ListObjectsV2Response page :
          s3.listObjectsV2Paginator(
              request -> request.bucket(bucket).prefix(listPrefix).delimiter("/"))) {
        for (CommonPrefix common : page.commonPrefixes()) {
          String name = common.prefix().substring(listPrefix.length());
          if (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
          }
          if (!name.isEmpty()) {
            names.add(name);
          }
        }
      }
    } catch (SdkException e) {
      throw failure("LIST", folderKey, e);
    }
    names.sort(null);

    return names;
  }

  @Override
  public String location(String key) {
    return "s3://" + bucket + "/" + objectKey(key);
  }

  @Override
  public void close() {
    s3.close();
  }

  private IOException failure(String operation, String key, SdkException e) {
    return new IOException(operation + " " + location(key) + " failed: " + e.getMessage(), e);
  }
}
