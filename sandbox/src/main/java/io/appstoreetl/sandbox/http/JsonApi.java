package io.appstoreetl.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds JSON:API documents in Apple's shape: resources, collections, links and paging. */
public final class JsonApi {

  /** Attribute and relationship names per resource type, for {@code fields[<type>]}. */
  private static final Map<String, List<String>> FIELDS =
      Map.of(
          "apps",
          List.of("name", "bundleId", "sku", "primaryLocale", "analyticsReportRequests"),
          "analyticsReportRequests",
          List.of("accessType", "stoppedDueToInactivity", "reports"),
          "analyticsReports",
          List.of("name", "category", "instances"),
          "analyticsReportInstances",
          List.of("granularity", "processingDate", "segments"),
          "analyticsReportSegments",
          List.of("checksum", "sizeInBytes", "url"),
          "customerReviews",
          List.of(
              "rating",
              "title",
              "body",
              "reviewerNickname",
              "createdDate",
              "territory",
              "response"),
          "customerReviewResponses",
          List.of("responseBody", "lastModifiedDate", "state", "review"));

  private JsonApi() {}

  /** Returns the query parameter name that selects sparse fields of a type. */
  public static String fieldsParameter(String type) {
    return "fields[" + type + "]";
  }

  /**
   * Creates a resource object with {@code links.self} and one to-many relationship per name in
   * {@code relationships}, each with its {@code self} and {@code related} links.
   */
  public static ObjectNode resource(
      String baseUrl, String type, String id, ObjectNode attributes, List<String> relationships) {
    String selfUrl = baseUrl + "/v1/" + type + "/" + id;
    ObjectNode resource = Json.MAPPER.createObjectNode();
    resource.put("type", type);
    resource.put("id", id);
    resource.set("attributes", attributes);
    if (!relationships.isEmpty()) {
      ObjectNode relationshipsNode = resource.putObject("relationships");
      for (String name : relationships) {
        ObjectNode links = relationshipsNode.putObject(name).putObject("links");
        links.put("self", selfUrl + "/relationships/" + name);
        links.put("related", selfUrl + "/" + name);
      }
    }
    resource.putObject("links").put("self", selfUrl);
    return resource;
  }

  /**
   * Reads the {@code fields[<type>]} parameters of the given types; a field name the type does not
   * have gives 400 {@code PARAMETER_ERROR.INVALID}.
   */
  public static Map<String, Set<String>> sparseFieldsets(
      QueryParameters query, Collection<String> types) {
    Map<String, Set<String>> fieldsets = new HashMap<>();
    for (String type : types) {
      String parameter = fieldsParameter(type);
      List<String> known = FIELDS.get(type);
      List<String> values = query.enumValues(parameter, known);
      if (!values.isEmpty()) {
        fieldsets.put(type, new HashSet<>(values));
      }
    }
    return fieldsets;
  }

  /** Removes the attributes and relationships that the sparse fieldset of its type leaves out. */
  public static void applySparseFieldsets(ObjectNode resource, Map<String, Set<String>> fieldsets) {
    Set<String> fields = fieldsets.get(resource.path("type").asText());
    if (fields == null) {
      return;
    }
    for (String member : List.of("attributes", "relationships")) {
      JsonNode node = resource.get(member);
      if (node instanceof ObjectNode object) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
          if (!fields.contains(names.next())) {
            names.remove();
          }
        }
        if (object.isEmpty()) {
          resource.remove(member);
        }
      }
    }
  }

  /** Returns a document with one page of resources, its links and {@code meta.paging}. */
  public static ObjectNode collection(
      ApiRequest request, Paging.Page<ObjectNode> page, List<ObjectNode> included) {
    ObjectNode document = Json.MAPPER.createObjectNode();
    ArrayNode data = document.putArray("data");
    page.items().forEach(data::add);
    if (!included.isEmpty()) {
      ArrayNode includedNode = document.putArray("included");
      included.forEach(includedNode::add);
    }
    ObjectNode links = document.putObject("links");
    links.put("self", request.selfUrl());
    if (page.nextCursor() != null) {
      links.put("next", request.urlWithCursor(page.nextCursor()));
    }
    ObjectNode paging = document.putObject("meta").putObject("paging");
    paging.put("total", page.total());
    paging.put("limit", page.limit());
    return document;
  }

  /** Returns a document with a single resource. */
  public static ObjectNode single(
      ApiRequest request, ObjectNode resource, List<ObjectNode> included) {
    ObjectNode document = Json.MAPPER.createObjectNode();
    document.set("data", resource);
    if (!included.isEmpty()) {
      ArrayNode includedNode = document.putArray("included");
      included.forEach(includedNode::add);
    }
    document.putObject("links").put("self", request.selfUrl());
    return document;
  }
}
