package io.appstoreetl.sandbox.faults;

/** A fault that affects the next N calls, downloads or listings, then stops by itself. */
public enum CountedFault {
  /** API calls get 401 {@code NOT_AUTHORIZED} even with a valid token. */
  UNAUTHORIZED,
  /** {@code POST /v1/analyticsReportRequests} gets 409 as if the request already existed. */
  CONFLICT_ON_CREATE,
  /** API calls get 429 {@code RATE_LIMIT_EXCEEDED}, with the configured Retry-After. */
  THROTTLE,
  /** API calls get the configured 5xx status. */
  SERVER_ERROR,
  /** Segment listings sign URLs that have already expired. */
  EXPIRED_URLS,
  /** Listed segments are cut short, and announced with the cut bytes' size and MD5. */
  TRUNCATED_SEGMENTS,
  /** Segment downloads return 200 with an HTML error page instead of the file. */
  HTML_DOWNLOADS,
  /** Segment downloads of any segment have one byte flipped. */
  CORRUPT_DOWNLOADS,
  /** Successful JSON responses are cut off in the middle of the document. */
  MALFORMED_JSON,
  /** Successful JSON responses lack their required {@code data} member. */
  MISSING_FIELDS,
  /** Successful JSON responses are labelled {@code text/plain}. */
  WRONG_CONTENT_TYPE,
  /** Successful collection responses carry a page of the configured huge size. */
  HUGE_PAGE,
  /** API calls are accepted and get no response. */
  STALL_API,
  /** Segment downloads are accepted and get no response. */
  STALL_DOWNLOADS,
  /**
   * Segment downloads get their status, headers and the first half of the body, then nothing more.
   */
  STALL_DOWNLOADS_MID_BODY
}
