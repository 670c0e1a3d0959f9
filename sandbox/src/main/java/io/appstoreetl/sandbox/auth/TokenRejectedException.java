package io.appstoreetl.sandbox.auth;

/** Thrown when a bearer token breaks one of Apple's rules; the message names the rule only. */
public final class TokenRejectedException extends Exception {

  public TokenRejectedException(String rule) {
    super(rule, null, false, false);
  }
}
