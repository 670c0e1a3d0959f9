package io.appstoreetl.extractor.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appstoreetl.extractor.http.ApiException;
import io.appstoreetl.extractor.http.AppStoreConnectClient;
import io.appstoreetl.extractor.http.JsonApiPager;
import io.appstoreetl.extractor.http.JsonFields;
import io.appstoreetl.extractor.http.NonRetryableIOException;
import io.appstoreetl.extractor.raw.KeyValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the app's analytics report request of one access type.
 *
 * <p>ONGOING: the registered request while Apple lists it as active, else an active one Apple
 * lists, else a new one. A request that Apple stopped for inactivity produces nothing and still
 * blocks creating another (409), so it is deleted first. Apple rejects a second request of the same
 * access type with 409 without naming the existing one, so a 409 leads to listing again.
 *
 * <p>ONE_TIME_SNAPSHOT: the registered or any listed snapshot is reused, whether or not Apple marks
 * it stopped, because Apple allows one snapshot request a month; a new one is created only when the
 * app has none.
 *
 * <p>When listing is forbidden (403, as for some key roles), the registered id is used as it is.
 */
public final class RequestResolver {
  private static final Logger LOG = LoggerFactory.getLogger(RequestResolver.class);

  /** A request as Apple lists it. */
  record ListedRequest(String id, boolean stoppedDueToInactivity) {}

  /** The request to use, and whether it was created by this call. */
  public record Resolved(String id, boolean created) {}

  private final AppStoreConnectClient client;
  private final RequestRegistry registry;

  public RequestResolver(AppStoreConnectClient client, RequestRegistry registry) {
    this.client = client;
    this.registry = registry;
  }

  /**
   * Returns the request to use, saving it in the registry when it differs from the registered one.
   *
   * @throws IOException when listing or creating fails, or a 409 leaves no request to adopt
   */
  public Resolved resolve(String appId, AccessType accessType) throws IOException {
    KeyValues.appId(appId);
    Optional<String> registered = registry.read(appId, accessType);
    List<ListedRequest> listed;
    try {
      listed = list(appId, accessType);
    } catch (ApiException e) {
      if (e.status() != 403 || registered.isEmpty()) {
        throw e;
      }
      LOG.warn(
          "App {}: listing {} requests is forbidden (HTTP 403); using registered request {}",
          appId,
          accessType,
          registered.get());
      return new Resolved(KeyValues.serverId("request id", registered.get()), false);
    }

    Resolved resolved =
        accessType == AccessType.ONGOING
            ? resolveOngoing(appId, registered, listed)
            : resolveSnapshot(appId, registered, listed);
    KeyValues.serverId("request id", resolved.id());
    if (registered.isEmpty() || !registered.get().equals(resolved.id())) {
      registry.save(appId, accessType, resolved.id());
      LOG.info(
          "App {}: registered {} analytics report request {}", appId, accessType, resolved.id());
    }

    return resolved;
  }

  private Resolved resolveOngoing(
      String appId, Optional<String> registered, List<ListedRequest> listed) throws IOException {
    if (registered.isPresent() && isActive(listed, registered.get())) {
      LOG.debug("App {} keeps its registered ONGOING request {}", appId, registered.get());
      return new Resolved(registered.get(), false);
    }
    if (registered.isPresent()) {
      LOG.warn(
          "App {}: registered ONGOING request {} is no longer listed as active; looking for another",
          appId,
          registered.get());
    }

    Optional<String> adopted = firstActive(listed);
    if (adopted.isPresent()) {
      return new Resolved(adopted.get(), false);
    }

    for (ListedRequest stopped : listed) {
      LOG.warn(
          "App {}: ONGOING request {} was stopped due to inactivity; deleting it to create a new"
              + " one",
          appId,
          stopped.id());
      client.delete(
          "/v1/analyticsReportRequests/" + KeyValues.serverId("request id", stopped.id()));
    }

    return new Resolved(create(appId, AccessType.ONGOING), true);
  }

  private Resolved resolveSnapshot(
      String appId, Optional<String> registered, List<ListedRequest> listed) throws IOException {
    if (registered.isPresent() && listed.stream().anyMatch(r -> r.id().equals(registered.get()))) {
      return new Resolved(registered.get(), false);
    }
    if (!listed.isEmpty()) {
      return new Resolved(listed.get(0).id(), false);
    }

    return new Resolved(create(appId, AccessType.ONE_TIME_SNAPSHOT), true);
  }

  private String create(String appId, AccessType accessType) throws IOException {
    try {
      JsonNode created =
          client.postJson("/v1/analyticsReportRequests", createBody(appId, accessType));
      String id =
          JsonFields.requiredText(
              created,
              "/data/id",
              "response to the new " + accessType + " request of app " + appId);
      LOG.info("App {}: created {} analytics report request {}", appId, accessType, id);

      return id;
    } catch (ApiException e) {
      if (e.status() != 409) {
        throw e;
      }

      LOG.info(
          "App {}: Apple answered 409 to the new {} request; listing again", appId, accessType);
      List<ListedRequest> again = list(appId, accessType);
      Optional<String> adopted =
          accessType == AccessType.ONGOING
              ? firstActive(again)
              : again.stream().map(ListedRequest::id).findFirst();
      if (adopted.isEmpty()) {
        throw new NonRetryableIOException(
            "Cannot create an analytics report request ("
                + accessType
                + ") for app "
                + appId
                + ": Apple answered 409 ("
                + e.detail()
                + ") but lists no request to use"
                + (accessType == AccessType.ONE_TIME_SNAPSHOT
                    ? "; Apple allows one snapshot request a month"
                    : ""),
            e);
      }

      return adopted.get();
    }
  }

  /** Builds the POST body of Apple's documented example: access type and the app relationship. */
  ObjectNode createBody(String appId, AccessType accessType) {
    ObjectNode body = client.mapper().createObjectNode();
    ObjectNode data = body.putObject("data");
    data.put("type", "analyticsReportRequests");
    data.putObject("attributes").put("accessType", accessType.name());
    ObjectNode app = data.putObject("relationships").putObject("app").putObject("data");
    app.put("type", "apps");
    app.put("id", appId);

    return body;
  }

  private List<ListedRequest> list(String appId, AccessType accessType) throws IOException {
    List<ListedRequest> requests = new ArrayList<>();
    String path =
        "/v1/apps/" + appId + "/analyticsReportRequests?filter[accessType]=" + accessType.name();
    for (JsonNode item : JsonApiPager.fetchAll(client, path)) {
      JsonNode attributes = item.path("attributes");
      String listedType = attributes.path("accessType").asText(accessType.name());
      if (!accessType.name().equals(listedType)) {
        continue;
      }

      String id = JsonFields.requiredText(item, "/id", "request of app " + appId);
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
