package io.appstoreetl.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appstoreetl.sandbox.faults.CountedFault;
import io.appstoreetl.sandbox.faults.FaultSwitches;
import io.appstoreetl.sandbox.http.ApiResponse;
import io.appstoreetl.sandbox.http.Json;
import io.appstoreetl.sandbox.http.QueryParameters;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the fault switches that change a successful JSON response: a huge page, a looping {@code
 * links.next}, a missing {@code data} member, a body cut in the middle and a wrong content type. A
 * counted fault is used up only by a response it applies to.
 */
final class ResponseFaults {

  private static final Logger LOG = LoggerFactory.getLogger(ResponseFaults.class);

  private final FaultSwitches faults;

  ResponseFaults(FaultSwitches faults) {
    this.faults = faults;
  }

  ApiResponse apply(ApiResponse response, String baseUrl, String path, QueryParameters query) {
    if (!response.isSuccessfulJson()) {
      return response;
    }
    ApiResponse result = response;
    if (faults.loopingNextLinks() || faults.pending(CountedFault.HUGE_PAGE) > 0) {
      result = collectionFaults(result, baseUrl, path, query);
      if (result.stream() != null) {
        return result;
      }
    }
    if (faults.take(CountedFault.MISSING_FIELDS)) {
      ObjectNode document = parse(result);
      document.remove("data");
      result = result.withBody(result.contentType(), Json.bytes(document));
      LOG.info("Answered {} without its data member (fault switch)", path);
    }
    if (faults.take(CountedFault.MALFORMED_JSON)) {
      byte[] body = result.body();
      result = result.withBody(result.contentType(), Arrays.copyOf(body, body.length / 2));
      LOG.info("Answered {} with a JSON body cut in half (fault switch)", path);
    }
    if (faults.take(CountedFault.WRONG_CONTENT_TYPE)) {
      result = result.withBody("text/plain; charset=utf-8", result.body());
      LOG.info("Answered {} with Content-Type text/plain (fault switch)", path);
    }
    return result;
  }

  private ApiResponse collectionFaults(
      ApiResponse response, String baseUrl, String path, QueryParameters query) {
    ObjectNode document = parse(response);
    JsonNode data = document.get("data");
    if (data == null || !data.isArray()) {
      return response;
    }
    if (data.size() > 0 && faults.take(CountedFault.HUGE_PAGE)) {
      LOG.info("Answered {} with a page of {} items (fault switch)", path, faults.hugePageItems());
      return hugePage(response, document, faults.hugePageItems());
    }
    if (faults.loopingNextLinks()) {
      String rest = query.rawQueryWithout("cursor");
      String firstPage = baseUrl + path + (rest.isEmpty() ? "" : "?" + rest);
      if (document.get("links") instanceof ObjectNode links) {
        links.put("next", firstPage);
      }
      LOG.info("Answered {} with links.next pointing back to the first page (fault switch)", path);
      return response.withBody(response.contentType(), Json.bytes(document));
    }
    return response;
  }

  /**
   * Returns a streamed document whose {@code data} contains the page's items followed by copies of
   * its first item, with ids suffixed {@code -copy-<n>}, up to {@code items} in all.
   */
  private static ApiResponse hugePage(ApiResponse response, ObjectNode document, int items) {
    ObjectNode template = ((ObjectNode) document.get("data").get(0)).deepCopy();
    String templateId = template.path("id").asText();
    JsonNode realItems = document.get("data");
    if (document.path("meta").path("paging") instanceof ObjectNode paging) {
      paging.put("total", items);
    }
    document.remove("data");
    return ApiResponse.streamed(
        response.status(),
        response.contentType(),
        -1,
        output -> writeHugePage(output, document, realItems, template, templateId, items),
        response.headers());
  }

  private static void writeHugePage(
      OutputStream output,
      ObjectNode rest,
      JsonNode realItems,
      ObjectNode template,
      String templateId,
      int items)
      throws IOException {
    try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(output)) {
      json.writeStartObject();
      json.writeArrayFieldStart("data");
      int written = 0;
      for (JsonNode item : realItems) {
        if (written++ < items) {
          json.writeTree(item);
        }
      }
      for (int copy = 1; written < items; copy++, written++) {
        template.put("id", templateId + "-copy-" + copy);
        json.writeTree(template);
      }
      json.writeEndArray();
      var fields = rest.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        json.writeFieldName(field.getKey());
        json.writeTree(field.getValue());
      }
      json.writeEndObject();
    }
  }

  private static ObjectNode parse(ApiResponse response) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(new String(response.body(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("[BUG] the sandbox wrote invalid JSON", e);
    }
  }
}
