package io.appstoreetl.sandbox.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One entry of Apple's {@code ErrorResponse.errors} array.
 *
 * @param status HTTP status, written as a JSON string as Apple does
 * @param code Apple's dotted error code, such as {@code PARAMETER_ERROR.INVALID}
 * @param title Apple's fixed title for the code
 * @param detail what went wrong with this request
 * @param sourceParameter query parameter at fault, or null
 * @param sourcePointer JSON pointer into the request body at fault, or null
 */
public record ApiError(
    int status,
    String code,
    String title,
    String detail,
    String sourceParameter,
    String sourcePointer) {

  /** Returns the error as a JSON object with Apple's member order. */
  public ObjectNode toJson() {
    ObjectNode error = Json.MAPPER.createObjectNode();
    error.put("status", Integer.toString(status));
    error.put("code", code);
    if (title != null) {
      error.put("title", title);
    }
    error.put("detail", detail);
    if (sourceParameter != null) {
      error.putObject("source").put("parameter", sourceParameter);
    } else if (sourcePointer != null) {
      error.putObject("source").put("pointer", sourcePointer);
    }
    return error;
  }

  /** Returns the {@code {"errors":[...]}} document holding only this error. */
  public byte[] toResponseBody() {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.putArray("errors").add(toJson());
    return Json.bytes(body);
  }
}
