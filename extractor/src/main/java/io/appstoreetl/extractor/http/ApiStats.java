package io.appstoreetl.extractor.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one client, for the run summary. An API call is every HTTP request sent to the App
 * Store Connect API origin, each retry and the retry after a fresh token included. Downloads of
 * presigned file URLs are counted apart, because they are not API calls and Apple's rate limit does
 * not count them. Thread-safe.
 */
public final class ApiStats {
  private final AtomicLong apiCalls = new AtomicLong();
  private final AtomicLong fileDownloads = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();

  void apiCall() {
    apiCalls.incrementAndGet();
  }

  void fileDownload() {
    fileDownloads.incrementAndGet();
  }

  void bytesReceived(long count) {
    bytesReceived.addAndGet(count);
  }

  /** HTTP requests sent to the API origin. */
  public long apiCalls() {
    return apiCalls.get();
  }

  /** HTTP requests sent to presigned file URLs. */
  public long fileDownloads() {
    return fileDownloads.get();
  }

  /** Response body bytes received from the API and the file host, as sent (before gunzip). */
  public long bytesReceived() {
    return bytesReceived.get();
  }
}
