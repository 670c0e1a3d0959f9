package io.appstoreetl.sandbox.http;

/** Handles one API route; throws {@link ApiException} for Apple's error responses. */
@FunctionalInterface
public interface ApiHandler {
  ApiResponse handle(ApiRequest request);
}
