package io.appstoreetl.sandbox.http;

import java.util.List;

/**
 * One API call as the handlers see it.
 *
 * @param method HTTP method
 * @param path decoded path, such as {@code /v1/apps/1000000001}
 * @param query the query parameters
 * @param body request body, empty when there is none
 * @param baseUrl the server's own base URL, for absolute links
 * @param pathParameters the values of the route's path variables, in order
 */
public record ApiRequest(
    String method,
    String path,
    QueryParameters query,
    byte[] body,
    String baseUrl,
    List<String> pathParameters) {

  public String pathParameter(int index) {
    return pathParameters.get(index);
  }

  /** Returns this call's URL as links.self: the base URL, path and the query as sent. */
  public String selfUrl() {
    String rawQuery = query.rawQuery();
    return baseUrl + path + (rawQuery.isEmpty() ? "" : "?" + rawQuery);
  }

  /** Returns the URL of the page at the cursor: the cursor first, then the other parameters. */
  public String urlWithCursor(String cursor) {
    String rest = query.rawQueryWithout("cursor");
    return baseUrl + path + "?cursor=" + cursor + (rest.isEmpty() ? "" : "&" + rest);
  }
}
