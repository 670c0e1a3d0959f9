package io.appstoreetl.extractor.auth;

/** Source of the bearer tokens the API client sends. Implementations are thread-safe. */
public interface BearerTokens {
  /** Returns a token that is still valid, reusing the last one while it is. */
  String current();

  /** Mints a new token even if the last one looks valid, after the server rejected it. */
  String refresh();
}
