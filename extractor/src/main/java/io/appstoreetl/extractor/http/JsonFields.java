package io.appstoreetl.extractor.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the fields of a JSON:API item that the extractor cannot do without, rejecting an item that
 * lacks one with a message naming the item and the field.
 */
public final class JsonFields {
  private JsonFields() {}

  /**
   * Returns the non-empty text at {@code pointer} (such as {@code /attributes/processingDate}).
   *
   * @param where what the item is, for the message, such as "instance 3 of GET /v1/..."
   * @throws NonRetryableIOException when the field is missing, empty or not a string
   */
  public static String requiredText(JsonNode item, String pointer, String where)
      throws NonRetryableIOException {
    JsonNode value = item.at(pointer);
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw new NonRetryableIOException(
          "Invalid "
              + where
              + ": "
              + pointer
              + (value.isMissingNode() || value.isNull() ? " is missing" : " is not a string")
              + " (id "
              + item.path("id").asText("missing")
              + ")");
    }

    return value.asText();
  }
}
