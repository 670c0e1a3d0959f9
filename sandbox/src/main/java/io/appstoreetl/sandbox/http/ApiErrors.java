package io.appstoreetl.sandbox.http;

import java.util.Collection;
import java.util.Map;

/**
 * Builds Apple's error responses. Titles and details follow Apple's wording where public clients
 * have recorded it; the others are written in the same style.
 */
public final class ApiErrors {

  public static final String NOT_AUTHORIZED_DETAIL =
      "Provide a properly configured and signed bearer token, and make sure that it has not"
          + " expired. Learn more about Generating Tokens for API Requests"
          + " https://developer.apple.com/go/?id=api-generating-tokens";

  public static final String NO_SALES_DETAIL = "There were no sales for the date specified.";

  private static final String NOT_FOUND_TITLE = "The specified resource does not exist";
  private static final String INVALID_TITLE = "A parameter has an invalid value";

  private ApiErrors() {}

  /** 401 for a missing, malformed, expired or badly signed token. */
  public static ApiException notAuthorized() {
    return new ApiException(
        new ApiError(
            401,
            "NOT_AUTHORIZED",
            "Authentication credentials are missing or invalid.",
            NOT_AUTHORIZED_DETAIL,
            null,
            null));
  }

  /** 429 once the key has used its hourly request budget. */
  public static ApiException rateLimitExceeded() {
    return new ApiException(
        new ApiError(
            429,
            "RATE_LIMIT_EXCEEDED",
            "The request rate limit has been reached.",
            "We've received too many requests for this API. Please wait and try again or slow down"
                + " your request rate.",
            null,
            null));
  }

  /** 403 for a call that the key's role does not allow. */
  public static ApiException forbidden() {
    return new ApiException(
        new ApiError(
            403,
            "FORBIDDEN_ERROR",
            "This request is forbidden for security reasons",
            "The API key in use does not allow this request",
            null,
            null));
  }

  /** 400 for a query parameter that this endpoint does not take. */
  public static ApiException parameterIllegal(String parameter) {
    String detail;
    if (parameter.startsWith("filter[") && parameter.endsWith("]")) {
      String filter = parameter.substring("filter[".length(), parameter.length() - 1);
      detail = "'" + filter + "' is not a valid filter type";
    } else {
      detail = "The parameter '" + parameter + "' can not be used with this request";
    }
    return new ApiException(
        new ApiError(
            400,
            "PARAMETER_ERROR.ILLEGAL",
            "A given parameter is not allowed for this request",
            detail,
            parameter,
            null));
  }

  /** 400 for a query parameter with a value this endpoint does not accept. */
  public static ApiException parameterInvalid(String parameter, String detail) {
    return new ApiException(
        new ApiError(400, "PARAMETER_ERROR.INVALID", INVALID_TITLE, detail, parameter, null));
  }

  /** 400 for a value outside a parameter's enumeration. */
  public static ApiException parameterNotInEnum(
      String parameter, String value, Collection<String> allowed) {
    return parameterInvalid(
        parameter,
        "'"
            + value
            + "' is not a valid value for the parameter '"
            + parameter
            + "'. Valid values: "
            + String.join(", ", allowed));
  }

  /** 400 for a required query parameter that is missing. */
  public static ApiException parameterRequired(String parameter) {
    return new ApiException(
        new ApiError(
            400,
            "PARAMETER_ERROR.REQUIRED",
            "A required parameter is missing",
            "The parameter '" + parameter + "' is required",
            parameter,
            null));
  }

  /** 404 for an id that names no resource of that type. */
  public static ApiException notFound(String type, String id) {
    return notFound("There is no resource of type '" + type + "' with id '" + id + "'");
  }

  /** 404 {@code NOT_FOUND} with the given detail. */
  public static ApiException notFound(String detail) {
    return new ApiException(new ApiError(404, "NOT_FOUND", NOT_FOUND_TITLE, detail, null, null));
  }

  /** 404 for a path that is not part of the API. */
  public static ApiException pathError(String path) {
    return new ApiException(
        new ApiError(
            404,
            "PATH_ERROR",
            "The URL path is not valid",
            "'" + path + "' is not a valid URL",
            null,
            null));
  }

  /** 405 for a path that exists but does not take this method. */
  public static ApiException methodNotAllowed(
      String method, String path, Collection<String> allowed) {
    return new ApiException(
        new ApiError(
            405,
            "METHOD_NOT_ALLOWED",
            "The request method is not valid for the resource path",
            "The method '"
                + method
                + "' is not allowed on '"
                + path
                + "'. Allowed methods: "
                + String.join(", ", allowed),
            null,
            null),
        Map.of("Allow", String.join(", ", allowed)));
  }

  /** 400 for a request body that is not a JSON object. */
  public static ApiException entityInvalid(String detail) {
    return new ApiException(
        new ApiError(400, "ENTITY_INVALID", "The request entity is invalid", detail, null, null));
  }

  /** 422 for a JSON body whose structure or values do not fit the resource. */
  public static ApiException entityUnprocessable(String pointer, String detail) {
    return new ApiException(
        new ApiError(
            422,
            "ENTITY_UNPROCESSABLE",
            "The request entity is not processable",
            detail,
            null,
            pointer));
  }

  /** 409 for a second analytics report request with the same access type for an app. */
  public static ApiException duplicateEntity() {
    return new ApiException(
        new ApiError(
            409,
            "STATE_ERROR",
            "The request cannot be fulfilled because of the state of another resource.",
            "You already have such an entity",
            null,
            null));
  }

  /** 404 for a sales report that has no rows (the "empty day" response). */
  public static ApiException noSales() {
    return notFound(NO_SALES_DETAIL);
  }

  /** 500 for a server failure, or a failure injected by a test. */
  public static ApiException unexpected() {
    return new ApiException(
        new ApiError(
            500,
            "UNEXPECTED_ERROR",
            "An unexpected error occurred.",
            "An unexpected error occurred on the server side. If this issue continues, contact us"
                + " at https://developer.apple.com/contact/.",
            null,
            null));
  }
}
