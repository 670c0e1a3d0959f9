package io.appstoreetl.extractor.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON response of the API: the body exactly as received, for landing unchanged, and its parsed
 * form.
 */
public record ApiPage(String url, byte[] body, JsonNode json) {}
