package io.appstoreetl.extractor.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appstoreetl.extractor.http.ApiException;
import io.appstoreetl.extractor.http.AppStoreConnectClient;
import io.appstoreetl.extractor.http.JsonApiPager;
import io.appstoreetl.extractor.http.NonRetryableIOException;
import io.appstoreetl.extractor.raw.KeyValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the app's ONGOING analytics report request: the registered one while Apple still lists it
 * as active, else an active one Apple lists, else a new one. Apple allows one request per access
 * type and app and rejects a second POST with 409 without naming the existing request, so a 409
 * leads to listing again.
 */
public final class OngoingRequestResolver {
  private static final Logger LOG = LoggerFactory.getLogger(OngoingRequestResolver.class);

  public static final String ONGOING = "ONGOING";

  /** A request as Apple lists it. */
  record ListedRequest(String id, boolean stoppedDueToInactivity) {}

  private final AppStoreConnectClient client;
  private final OngoingRequestRegistry registry;

  public OngoingRequestResolver(AppStoreConnectClient client, OngoingRequestRegistry registry) {
    this.client = client;
    this.registry = registry;
  }

  /**
   * Returns the id of the app's active ONGOING request, saving it in the registry when it differs
   * from the registered one.
   *
   * @throws IOException when listing or creating fails, or a 409 leaves no active request to adopt
   */
  public String resolve(String appId) throws IOException {
    KeyValues.appId(appId);
    Optional<String> registered = registry.read(appId);
    List<ListedRequest> listed = listOngoing(appId);

    String requestId;
    if (registered.isPresent() && isActive(listed, registered.get())) {
      requestId = registered.get();
      LOG.debug("App {} keeps its registered ONGOING request {}", appId, requestId);
    } else {
      if (registered.isPresent()) {
        LOG.warn(
            "App {}: registered ONGOING request {} is no longer listed as active; looking for another",
            appId,
            registered.get());
      }
      Optional<String> adopted = firstActive(listed);
      requestId = adopted.isPresent() ? adopted.get() : create(appId);
    }

    KeyValues.serverId("request id", requestId);
    if (registered.isEmpty() || !registered.get().equals(requestId)) {
      registry.save(appId, requestId);
      LOG.info("App {}: registered ONGOING analytics report request {}", appId, requestId);
    }

    return requestId;
  }

  private String create(String appId) throws IOException {
    try {
      JsonNode created = client.postJson("/v1/analyticsReportRequests", createBody(appId));
      String id = created.path("data").path("id").asText("");
      if (id.isEmpty()) {
        throw new NonRetryableIOException(
            "Cannot create an ONGOING analytics report request for app "
                + appId
                + ": the 201 response has no data.id");
      }
      LOG.info("App {}: created ONGOING analytics report request {}", appId, id);

      return id;
    } catch (ApiException e) {
      if (e.status() != 409) {
        throw e;
      }

      LOG.info("App {}: Apple answered 409 to the new ONGOING request; listing again", appId);
      Optional<String> adopted = firstActive(listOngoing(appId));
      if (adopted.isEmpty()) {
        throw new NonRetryableIOException(
            "Cannot create an ONGOING analytics report request for app "
                + appId
                + ": Apple answered 409 ("
                + e.detail()
                + ") but lists no active ONGOING request; a request stopped for inactivity"
                + " blocks creation until it is deleted",
            e);
      }

      return adopted.get();
    }
  }

  /** Builds the POST body of Apple's documented example: access type and the app relationship. */
  ObjectNode createBody(String appId) {
    ObjectNode body = client.mapper().createObjectNode();
    ObjectNode data = body.putObject("data");
    data.put("type", "analyticsReportRequests");
    data.putObject("attributes").put("accessType", ONGOING);
    ObjectNode app = data.putObject("relationships").putObject("app").putObject("data");
    app.put("type", "apps");
    app.put("id", appId);

    return body;
  }

  private List<ListedRequest> listOngoing(String appId) throws IOException {
    List<ListedRequest> requests = new ArrayList<>();
    String path = "/v1/apps/" + appId + "/analyticsReportRequests?filter[accessType]=" + ONGOING;
    for (JsonNode item : JsonApiPager.fetchAll(client, path)) {
      JsonNode attributes = item.path("attributes");
      String accessType = attributes.path("accessType").asText(ONGOING);
      String id = item.path("id").asText("");
      if (id.isEmpty() || !ONGOING.equals(accessType)) {
        continue;
      }
      requests.add(
          new ListedRequest(id, attributes.path("stoppedDueToInactivity").asBoolean(false)));
    }

    return requests;
  }

  private static boolean isActive(List<ListedRequest> listed, String id) {
    return listed.stream().anyMatch(r -> r.id().equals(id) && !r.stoppedDueToInactivity());
  }

  private static Optional<String> firstActive(List<ListedRequest> listed) {
    return listed.stream()
        .filter(r -> !r.stoppedDueToInactivity())
        .map(ListedRequest::id)
        .findFirst();
  }
}
