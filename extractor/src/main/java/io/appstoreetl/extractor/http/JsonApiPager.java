package io.appstoreetl.extractor.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Walks a JSON:API collection page by page. Each next page is fetched from the previous page's
 * {@code links.next} exactly as the server wrote it; cursors are never built here. A {@code next}
 * URL that was already visited is rejected, so a server paging in a loop cannot hold a run.
 *
 * <p>Not thread-safe: one pager per listing.
 */
public final class JsonApiPager {
  private final AppStoreConnectClient client;
  private final Set<String> visited = new HashSet<>();
  private String nextUrl;

  public JsonApiPager(AppStoreConnectClient client, String firstPathOrUrl) {
    this.client = client;
    this.nextUrl = firstPathOrUrl;
  }

  /** Fetches every page from {@code firstPathOrUrl} on and returns all their {@code data} items. */
  public static List<JsonNode> fetchAll(AppStoreConnectClient client, String firstPathOrUrl)
      throws IOException {
    JsonApiPager pager = new JsonApiPager(client, firstPathOrUrl);
    List<JsonNode> items = new ArrayList<>();
    while (pager.hasNextPage()) {
      pager.nextPage().path("data").forEach(items::add);
    }

    return items;
  }

  public boolean hasNextPage() {
    return nextUrl != null;
  }

  /**
   * Fetches the next page.
   *
   * @throws NonRetryableIOException when the page's {@code links.next} was already visited
   */
  public JsonNode nextPage() throws IOException {
    if (nextUrl == null) {
      throw new NoSuchElementException("No page after the last one");
    }

    String url = client.resolve(nextUrl).toString();
    visited.add(url);
    JsonNode page = client.getJson(url);
    JsonNode next = page.path("links").path("next");
    nextUrl = next.isTextual() && !next.asText().isEmpty() ? next.asText() : null;
    if (nextUrl != null && visited.contains(client.resolve(nextUrl).toString())) {
      throw new NonRetryableIOException(
          "Cannot follow links.next of " + url + ": " + nextUrl + " was already visited");
    }

    return page;
  }
}
