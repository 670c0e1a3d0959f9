package io.appstoreetl.extractor.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds JSON:API documents shaped as Apple's, for the fake server to send. */
public final class AppleDocuments {
  private AppleDocuments() {}

  /** Builds a collection page of {@code data} items, with links.next when {@code next} is set. */
  public static String page(String next, ObjectNode... items) {
    ObjectNode page = TestSupport.MAPPER.createObjectNode();
    ArrayNode data = page.putArray("data");
    for (ObjectNode item : items) {
      data.add(item);
    }
    ObjectNode links = page.putObject("links");
    links.put("self", "https://api.appstoreconnect.apple.com/v1/self");
    if (next != null) {
      links.put("next", next);
    }
    page.putObject("meta").putObject("paging").put("total", items.length).put("limit", 200);
    return page.toString();
  }

  public static ObjectNode request(String id, String accessType, boolean stopped) {
    ObjectNode item = item("analyticsReportRequests", id);
    item.putObject("attributes")
        .put("accessType", accessType)
        .put("stoppedDueToInactivity", stopped);
    return item;
  }

  public static ObjectNode report(String id, String name, String category) {
    ObjectNode item = item("analyticsReports", id);
    item.putObject("attributes").put("name", name).put("category", category);
    return item;
  }

  public static ObjectNode instance(String id, String processingDate) {
    ObjectNode item = item("analyticsReportInstances", id);
    item.putObject("attributes").put("granularity", "DAILY").put("processingDate", processingDate);
    return item;
  }

  public static ObjectNode segment(String id, String checksum, long sizeInBytes, String url) {
    ObjectNode item = item("analyticsReportSegments", id);
    item.putObject("attributes")
        .put("checksum", checksum)
        .put("sizeInBytes", sizeInBytes)
        .put("url", url);
    return item;
  }

  public static ObjectNode instance(String id, String granularity, String processingDate) {
    ObjectNode item = item("analyticsReportInstances", id);
    item.putObject("attributes")
        .put("granularity", granularity)
        .put("processingDate", processingDate);
    return item;
  }

  public static ObjectNode app(String id, String name, String bundleId, String sku) {
    ObjectNode item = item("apps", id);
    item.putObject("attributes").put("name", name).put("bundleId", bundleId).put("sku", sku);
    return item;
  }

  public static ObjectNode review(String id, int rating, String createdDate) {
    ObjectNode item = item("customerReviews", id);
    item.putObject("attributes")
        .put("rating", rating)
        .put("title", "Title " + id)
        .put("body", "Body of " + id)
        .put("reviewerNickname", "Reviewer")
        .put("createdDate", createdDate)
        .put("territory", "USA");
    return item;
  }

  public static String created(String id) {
    ObjectNode document = TestSupport.MAPPER.createObjectNode();
    document.set("data", request(id, "ONGOING", false));
    return document.toString();
  }

  private static ObjectNode item(String type, String id) {
    ObjectNode item = TestSupport.MAPPER.createObjectNode();
    item.put("type", type);
    item.put("id", id);
    item.putObject("links")
        .put("self", "https://api.appstoreconnect.apple.com/v1/" + type + "/" + id);
    return item;
  }
}
