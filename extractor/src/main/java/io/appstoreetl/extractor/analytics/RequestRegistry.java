package io.appstoreetl.extractor.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appstoreetl.extractor.raw.Manifest;
import io.appstoreetl.extractor.raw.RawKeys;
import io.appstoreetl.extractor.raw.RawZone;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-app registry of analytics report request ids, kept in the raw zone at {@code
 * analytics_requests/registry/app_id=<id>/ongoing.json} and, for the backfill's ONE_TIME_SNAPSHOT
 * request, {@code snapshot.json} beside it. These files are replaced in place.
 */
public final class RequestRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(RequestRegistry.class);

  private final RawZone rawZone;
  private final Clock clock;

  public RequestRegistry(RawZone rawZone, Clock clock) {
    this.rawZone = rawZone;
    this.clock = clock;
  }

  /** Returns the registered request id, or empty when there is none or the file is unreadable. */
  public Optional<String> read(String appId, AccessType accessType) throws IOException {
    String key = key(appId, accessType);
    Optional<byte[]> bytes = rawZone.readIfExists(key);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }

    JsonNode id;
    try {
      id = rawZone.mapper().readTree(bytes.get()).path("request_id");
    } catch (IOException e) {
      LOG.warn("Ignoring unreadable request registry {}: {}", key, e.getMessage());
      return Optional.empty();
    }

    return id.isTextual() && !id.asText().isEmpty() ? Optional.of(id.asText()) : Optional.empty();
  }

  /** Replaces the registry entry of {@code appId} (temporary file, then rename). */
  public void save(String appId, AccessType accessType, String requestId) throws IOException {
    ObjectNode entry = rawZone.mapper().createObjectNode();
    entry.put("app_id", appId);
    entry.put("request_id", requestId);
    entry.put("access_type", accessType.name());
    entry.put("updated_at", Manifest.formatInstant(clock.instant()));
    rawZone.writeJson(key(appId, accessType), entry);
  }

  private static String key(String appId, AccessType accessType) {
    return accessType == AccessType.ONGOING
        ? RawKeys.ongoingRegistry(appId)
        : RawKeys.snapshotRegistry(appId);
  }
}
