package io.appstoreetl.emr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Uploads the Spark job jar to {@code s3://<bucket>/<prefix>/jars/<file name>}, where StartJobRun's
 * entry point points.
 *
 * <p>The jar is a few MB, so one PutObject carries it; the SDK adds a CRC32 checksum that S3
 * verifies. A HeadObject afterwards checks that the stored object has the local file's size.
 * Uploading the same version again replaces the object; a run that already started has its copy.
 */
public final class EmrDeployer {
  private static final Logger LOG = LoggerFactory.getLogger(EmrDeployer.class);

  private static final Pattern JAR_NAME = Pattern.compile("[A-Za-z0-9._-]+\\.jar");
  private static final String CONTENT_TYPE = "application/java-archive";

  private final S3Client s3;
  private final S3Lake lake;

  public EmrDeployer(S3Client s3, S3Lake lake) {
    this.s3 = Objects.requireNonNull(s3, "s3 == null");
    this.lake = Objects.requireNonNull(lake, "lake == null");
  }

  /** Returns the key a jar with this file name is uploaded to. */
  public String jarKey(String fileName) {
    if (!JAR_NAME.matcher(fileName).matches()) {
      throw new IllegalArgumentException(
          "Invalid jar file name: " + fileName + " (expected letters, digits, ._- and .jar)");
    }

    return lake.key("jars/" + fileName);
  }

  /**
   * Uploads {@code jar} and checks the stored object's size.
   *
   * @throws IllegalArgumentException if the file name is not a plain {@code .jar} name
   * @throws EmrException with {@link EmrExitCodes#UNEXPECTED_STATE} if the file is missing or
   *     empty, or {@link EmrExitCodes#FAILED} if the stored object's size differs
   * @throws software.amazon.awssdk.core.exception.SdkException if PutObject or HeadObject fails
   */
  public DeployedJar deploy(Path jar) {
    String key = jarKey(jar.getFileName().toString());
    long sizeBytes = localSize(jar);
    String uri = "s3://" + lake.bucket() + "/" + key;

    PutObjectResponse put =
        s3.putObject(
            request ->
                request
                    .bucket(lake.bucket())
                    .key(key)
                    .contentType(CONTENT_TYPE)
                    .contentLength(sizeBytes),
            RequestBody.fromFile(jar));
    HeadObjectResponse head = s3.headObject(request -> request.bucket(lake.bucket()).key(key));

    Long storedBytes = head.contentLength();
    if (storedBytes == null || storedBytes != sizeBytes) {
      throw new EmrException(
          EmrExitCodes.FAILED,
          "Cannot deploy "
              + jar
              + ": "
              + uri
              + " has "
              + storedBytes
              + " bytes after the upload, expected "
              + sizeBytes);
    }
    LOG.info("Uploaded {} ({} bytes) to {}", jar, sizeBytes, uri);

    return new DeployedJar(uri, sizeBytes, put.eTag());
  }

  private static long localSize(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new EmrException(
          EmrExitCodes.UNEXPECTED_STATE,
          "Cannot deploy " + jar + ": no such file (build it with mvn -DskipTests install)");
    }
    try {
      long size = Files.size(jar);
      if (size == 0) {
        throw new EmrException(EmrExitCodes.UNEXPECTED_STATE, "Cannot deploy " + jar + ": empty");
      }
      return size;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the size of " + jar, e);
    }
  }

  /**
   * An uploaded jar.
   *
   * @param uri the {@code s3://} URI that StartJobRun's entry point takes
   * @param sizeBytes the size that HeadObject confirmed
   * @param eTag the ETag that PutObject returned
   */
  public record DeployedJar(String uri, long sizeBytes, String eTag) {}
}
