package io.appstoreetl.extractor.raw;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Writes one S3 object in constant memory: the bytes collect in a buffer of one part; a file that
 * fits in it goes up in a single PUT on {@link #close}, a larger one as a multipart upload that
 * starts when the first part is full and completes on {@link #close}.
 *
 * <p>If a part fails, the upload is aborted and the error is thrown; nothing appears under the key.
 * NOTE: a stream closed after its writer failed (as try-with-resources does) still completes the
 * object with the bytes written so far, as a local file would keep them. That partial attempt is
 * never listed in a manifest, so readers ignore it.
 */
final class S3UploadStream extends OutputStream {

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final byte[] buffer;
  private final List<CompletedPart> parts = new ArrayList<>();
  private int filled;
  private String uploadId;
  private boolean closed;

  S3UploadStream(S3Client s3, String bucket, String key, int partSizeBytes) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.buffer = new byte[partSizeBytes];
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (closed) {
      throw new IOException("Upload of s3://" + bucket + "/" + key + " is already closed");
    }
    while (length > 0) {
      int count = Math.min(length, buffer.length - filled);
      System.arraycopy(bytes, offset, buffer, filled, count);
      filled += count;
      offset += count;
      length -= count;
      if (filled == buffer.length) {
        uploadPart();
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (uploadId == null) {
        s3.putObject(request -> request.bucket(bucket).key(key), bufferBody());
        return;
      }
      if (filled > 0) {
        uploadPart();
      }
      s3.completeMultipartUpload(
          request ->
              request
                  .bucket(bucket)
                  .key(key)
                  .uploadId(uploadId)
                  .multipartUpload(upload -> upload.parts(parts)));
    } catch (SdkException e) {
      abort();
      throw new IOException(
          "Upload of s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
    } catch (IOException e) {
      abort();
      throw e;
    }
  }

  /** Returns the number of parts uploaded so far; 0 for an object sent in a single PUT. */
  int partCount() {
    return parts.size();
  }

  private void uploadPart() throws IOException {
    try {
      if (uploadId == null) {
        uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(key)).uploadId();
      }
      int partNumber = parts.size() + 1;
      String eTag =
          s3.uploadPart(
                  request ->
                      request
                          .bucket(bucket)
                          .key(key)
                          .uploadId(uploadId)
                          .partNumber(partNumber)
                          .contentLength((long) filled),
                  bufferBody())
              .eTag();
      parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
      filled = 0;
    } catch (SdkException e) {
      closed = true;
      abort();
      throw new IOException(
          "Upload of part "
              + (parts.size() + 1)
              + " of s3://"
              + bucket
              + "/"
              + key
              + " failed: "
              + e.getMessage(),
          e);
    }
  }

  /** Returns the buffer's bytes as a request body without copying them. */
  private RequestBody bufferBody() {
    return RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, filled), filled);
  }

  private void abort() {
    if (uploadId == null) {
      return;
    }
    try {
      s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
    } catch (SdkException e) {
      // The upload stays incomplete and invisible; a bucket lifecycle rule removes its parts.
    }
    uploadId = null;
  }
}
