package io.appstoreetl.sandbox;

import io.appstoreetl.sandbox.http.ApiErrors;
import io.appstoreetl.sandbox.http.ApiHandler;
import io.appstoreetl.sandbox.http.ApiRequest;
import io.appstoreetl.sandbox.http.ApiResponse;
import io.appstoreetl.sandbox.http.QueryParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's path templates and the handler for each method. A path no template matches gets 404
 * {@code PATH_ERROR}; a known path with another method gets 405.
 */
final class ApiRoutes {

  private record Route(Pattern pattern, Map<String, ApiHandler> handlers) {}

  private final Map<String, Route> routesByTemplate = new LinkedHashMap<>();

  /** Adds a handler; {@code {name}} in the template matches one path segment. */
  ApiRoutes add(String template, String method, ApiHandler handler) {
    Route route =
        routesByTemplate.computeIfAbsent(
            template,
            t ->
                new Route(
                    Pattern.compile(t.replaceAll("\\{[a-zA-Z]+}", "([^/]+)")),
                    new LinkedHashMap<>()));
    route.handlers().put(method, handler);
    return this;
  }

  ApiResponse dispatch(
      String method, String path, QueryParameters query, byte[] body, String baseUrl) {
    for (Route route : routesByTemplate.values()) {
      Matcher matcher = route.pattern().matcher(path);
      if (!matcher.matches()) {
        continue;
      }
      ApiHandler handler = route.handlers().get(method);
      if (handler == null) {
        throw ApiErrors.methodNotAllowed(method, path, route.handlers().keySet());
      }
      List<String> parameters = new ArrayList<>();
      for (int group = 1; group <= matcher.groupCount(); group++) {
        parameters.add(matcher.group(group));
      }
      return handler.handle(new ApiRequest(method, path, query, body, baseUrl, parameters));
    }
    throw ApiErrors.pathError(path);
  }
}
