package io.appstoreetl.extractor.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.extractor.http.ApiPage;
import io.appstoreetl.extractor.http.AppStoreConnectClient;
import io.appstoreetl.extractor.http.JsonApiPager;
import io.appstoreetl.extractor.http.JsonFields;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Lists a report's instances with as few API calls as it can.
 *
 * <p>Two ways exist: one listing of all instances (at {@code limit=200}, usually one page, since
 * Apple keeps instances 35 days), or one call per processing date with {@code
 * filter[processingDate]}. The caller passes the processing dates it still lacks. With none, no
 * call is made; with one, that date is asked for. With more, the first page of the full listing is
 * read, and if fewer dates are still unseen than pages are left ({@code meta.paging.total}), those
 * dates are asked for one by one; otherwise the listing is read to its end. Several granularities
 * are listed in one listing without {@code filter[granularity]}.
 */
final class InstanceLister {
  private final AppStoreConnectClient client;

  InstanceLister(AppStoreConnectClient client) {
    this.client = client;
  }

  /**
   * Returns the instances of {@code reportId} of the wanted granularities, oldest processing date
   * first.
   *
   * @param missingDates processing dates not landed yet that the caller wants, or {@code null} when
   *     every listed instance is wanted; decides only how to list
   */
  List<InstanceRef> list(
      String reportId, Set<String> granularities, SortedSet<LocalDate> missingDates)
      throws IOException {
    String base =
        "/v1/analyticsReports/"
            + reportId
            + "/instances?"
            + (granularities.size() == 1
                ? "filter[granularity]=" + granularities.iterator().next() + "&"
                : "")
            + "limit=200";
    List<InstanceRef> instances = new ArrayList<>();
    if (missingDates != null && missingDates.size() <= 1) {
      for (LocalDate date : missingDates) {
        listDate(base, date, granularities, instances);
      }
      return sorted(instances);
    }

    JsonApiPager pager = new JsonApiPager(client, base);
    ApiPage first = pager.nextPage();
    addItems(first, granularities, instances);
    if (pager.hasNextPage() && missingDates != null) {
      JsonNode total = first.json().path("meta").path("paging").path("total");
      long pagesLeft =
          total.isNumber()
              ? (total.asLong() - first.json().path("data").size() + 199) / 200
              : Long.MAX_VALUE;
      SortedSet<LocalDate> unseen = new TreeSet<>(missingDates);
      for (InstanceRef instance : instances) {
        unseen.removeIf(date -> date.toString().equals(instance.processingDate()));
      }
      if (unseen.size() < pagesLeft) {
        pager.stop();
        for (LocalDate date : unseen) {
          listDate(base, date, granularities, instances);
        }
      }
    }
    while (pager.hasNextPage()) {
      addItems(pager.nextPage(), granularities, instances);
    }

    return sorted(instances);
  }

  private void listDate(
      String base, LocalDate date, Set<String> granularities, List<InstanceRef> instances)
      throws IOException {
    JsonApiPager pager = new JsonApiPager(client, base + "&filter[processingDate]=" + date);
    while (pager.hasNextPage()) {
      addItems(pager.nextPage(), granularities, instances);
    }
  }

  private static void addItems(ApiPage page, Set<String> granularities, List<InstanceRef> into)
      throws IOException {
    int index = 0;
    for (JsonNode item : page.json().path("data")) {
      String where = "instance " + index++ + " in the response to GET " + page.url();
      String id = JsonFields.requiredText(item, "/id", where);
      String processingDate = JsonFields.requiredText(item, "/attributes/processingDate", where);
      try {
        LocalDate.parse(processingDate);
      } catch (DateTimeParseException e) {
        // Rejected later, with the instance, when its key is built; never used to plan.
        into.add(new InstanceRef(id, granularityOf(item, granularities, where), processingDate));
        continue;
      }

      String granularity = granularityOf(item, granularities, where);
      if (granularities.contains(granularity)) {
        into.add(new InstanceRef(id, granularity, processingDate));
      }
    }
  }

  /** The instance's granularity; a listing filtered to one granularity may leave it out. */
  private static String granularityOf(JsonNode item, Set<String> granularities, String where)
      throws IOException {
    if (item.at("/attributes/granularity").isMissingNode() && granularities.size() == 1) {
      return granularities.iterator().next();
    }

    return JsonFields.requiredText(item, "/attributes/granularity", where);
  }

  private static List<InstanceRef> sorted(List<InstanceRef> instances) {
    // Apple documents no order; landing oldest first makes a run's log read in time order.
    List<InstanceRef> unique = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (InstanceRef instance : instances) {
      if (seen.add(instance.id())) {
        unique.add(instance);
      }
    }
    unique.sort(Comparator.comparing(InstanceRef::processingDate).thenComparing(InstanceRef::id));

    return unique;
  }
}
