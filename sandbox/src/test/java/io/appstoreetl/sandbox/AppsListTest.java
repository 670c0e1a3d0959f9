package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppsListTest {

  @Test
  void appsPageWithLimit() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults().appCount(5))) {
      List<String> ids = new ArrayList<>();
      List<String> pages = new ArrayList<>();
      String next = "/v1/apps?limit=2";
      while (next != null) {
        JsonNode page = sandbox.getJson(next);
        assertThat(page.path("meta").path("paging").path("total").asInt()).isEqualTo(5);
        assertThat(page.path("meta").path("paging").path("limit").asInt()).isEqualTo(2);
        page.path("data").forEach(app -> ids.add(app.path("id").asText()));
        pages.add(next);
        next = page.path("links").has("next") ? page.path("links").path("next").asText() : null;
      }

      assertThat(pages).hasSize(3);
      assertThat(pages.get(1)).startsWith(sandbox.server.baseUrl() + "/v1/apps?cursor=");
      assertThat(ids)
          .containsExactly("1000000001", "1000000002", "1000000003", "1000000004", "1000000005");
    }
  }

  @Test
  void addedAppListsAtOnce() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      String added = sandbox.server.addApp();
      JsonNode apps = sandbox.getJson("/v1/apps");
      JsonNode requests = sandbox.getJson("/v1/apps/" + added + "/analyticsReportRequests");
      GroundTruth truth = sandbox.server.groundTruth();

      assertThat(added).isEqualTo("1000000004");
      assertThat(apps.path("data").size()).isEqualTo(4);
      assertThat(apps.path("data").get(3).path("attributes").path("sku").asText())
          .isEqualTo("SKU1000000004");
      assertThat(requests.path("data").size()).as("no request yet").isZero();
      assertThat(truth.appIds()).endsWith("1000000004");
      assertThat(skus(truth.salesRows(firstSalesDay(truth)))).doesNotContain("SKU1000000004");

      sandbox.server.setToday(SandboxFixture.TODAY.plusDays(2));
      LocalDate dayAdded = SandboxFixture.TODAY;
      if (!truth.isNoSalesDay(dayAdded)) {
        assertThat(skus(truth.salesRows(dayAdded))).contains("SKU1000000004");
      }
      assertThat(sandbox.createRequest("ONGOING", added)).isNotEmpty();
    }
  }

  @Test
  void appAddedOverHttp() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      HttpResponse<byte[]> added = sandbox.postUnauthenticated("/sandbox/apps", "");
      JsonNode status =
          SandboxFixture.json(sandbox.download(sandbox.server.baseUrl() + "/sandbox/status"));

      assertThat(added.statusCode()).isEqualTo(200);
      assertThat(SandboxFixture.json(added).path("id").asText()).isEqualTo("1000000004");
      assertThat(status.path("appIds").size()).isEqualTo(4);
    }
  }

  private static LocalDate firstSalesDay(GroundTruth truth) {
    LocalDate day = SandboxFixture.TODAY.minusDays(1);
    while (truth.isNoSalesDay(day)) {
      day = day.minusDays(1);
    }
    return day;
  }

  private static List<String> skus(List<Map<String, String>> rows) {
    return rows.stream().map(r -> r.get("SKU")).distinct().toList();
  }
}
