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
 * {@code links.next} exactly as the server wrote it; cursors are never built here.
 *
 * <p>A response that breaks the collection's shape is rejected with {@link NonRetryableIOException}
 * rather than followed: a body without a {@code data} array, a page of more than {@link
 * #MAX_ITEMS_PER_PAGE} items (Apple's largest {@code limit}), a {@code next} URL that was already
 * visited, or more than {@link #MAX_PAGES} pages. So a server paging in a loop or without end
 * cannot hold a run.
 *
 * <p>Not thread-safe: one pager per listing.
 */
public final class JsonApiPager {
  /** Apple's maximum {@code limit} on every list endpoint the extractor uses. */
  public static final int MAX_ITEMS_PER_PAGE = 200;

  /** 200,000 items at 200 per page; far above any listing of one app or key. */
  public static final int MAX_PAGES = 1000;

  private final AppStoreConnectClient client;
  private final Set<String> visited = new HashSet<>();
  private String nextUrl;
  private int pages;

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
      pager.nextPage().json().path("data").forEach(items::add);
    }

    return items;
  }

  public boolean hasNextPage() {
    return nextUrl != null;
  }

  /** Stops the walk: {@link #hasNextPage()} returns false from now on. */
  public void stop() {
    nextUrl = null;
  }

  /**
   * Fetches the next page.
   *
   * @throws NonRetryableIOException when the page breaks the collection's shape (see the class
   *     documentation)
   */
  public ApiPage nextPage() throws IOException {
    if (nextUrl == null) {
      throw new NoSuchElementException("No page after the last one");
    }
    if (pages >= MAX_PAGES) {
      throw new NonRetryableIOException(
          "Cannot follow links.next past "
              + MAX_PAGES
              + " pages from "
              + nextUrl
              + ": the listing does not end");
    }

    String url = client.resolve(nextUrl).toString();
    visited.add(url);
    pages++;
    ApiPage page = client.getPage(url);
    JsonNode data = page.json().path("data");
    if (!data.isArray()) {
      throw new NonRetryableIOException(
          "Invalid response to GET "
              + url
              + ": no \"data\" array (expected a JSON:API collection)");
    }
    if (data.size() > MAX_ITEMS_PER_PAGE) {
      throw new NonRetryableIOException(
          "Invalid response to GET "
              + url
              + ": a page of "
              + data.size()
              + " items (expected at most "
              + MAX_ITEMS_PER_PAGE
              + ")");
    }

    JsonNode next = page.json().path("links").path("next");
    nextUrl = next.isTextual() && !next.asText().isEmpty() ? next.asText() : null;
    if (nextUrl != null && visited.contains(client.resolve(nextUrl).toString())) {
      throw new NonRetryableIOException(
          "Cannot follow links.next of " + url + ": " + nextUrl + " was already visited");
    }

    return page;
  }
}
