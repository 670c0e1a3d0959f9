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
 * The per-app registry of the ONGOING analytics report request id, kept in the raw zone at {@code
 * analytics_requests/registry/app_id=<id>/ongoing.json}. It is the only raw-zone key whose content
 * changes in place.
 */
public final class OngoingRequestRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(OngoingRequestRegistry.class);

  private final RawZone rawZone;
  private final Clock clock;

  public OngoingRequestRegistry(RawZone rawZone, Clock clock) {
    this.rawZone = rawZone;
    this.clock = clock;
  }

  /** Returns the registered request id, or empty when there is none or the file is unreadable. */
  public Optional<String> read(String appId) throws IOException {
    String key = RawKeys.ongoingRegistry(appId);
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
  public void save(String appId, String requestId) throws IOException {
    ObjectNode entry = rawZone.mapper().createObjectNode();
    entry.put("app_id", appId);
    entry.put("request_id", requestId);
    entry.put("access_type", OngoingRequestResolver.ONGOING);
    entry.put("updated_at", Manifest.formatInstant(clock.instant()));
    rawZone.writeJson(RawKeys.ongoingRegistry(appId), entry);
  }
}
