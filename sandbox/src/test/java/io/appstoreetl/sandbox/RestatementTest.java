package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RestatementTest {

  @ParameterizedTest
  @ValueSource(strings = {"App Downloads Standard", "App Store Discovery and Engagement Standard"})
  void laterInstanceRestatesEveryDate(String report) {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      List<JsonNode> instances = sandbox.instances(sandbox.reportId("1000000002", report));
      Map<String, Map<String, Map<String, String>>> earlierByDate = new HashMap<>();
      int comparedDates = 0;

      for (JsonNode instance : instances) {
        Map<String, Map<String, Map<String, String>>> byDate =
            rowsByDateAndDimensions(sandbox.instanceRows(instance.path("id").asText()));
        for (var entry : byDate.entrySet()) {
          Map<String, Map<String, String>> earlier = earlierByDate.get(entry.getKey());
          if (earlier != null) {
            assertRestated(report, entry.getKey(), earlier, entry.getValue());
            comparedDates++;
          }
        }
        earlierByDate = byDate;
      }

      // Ten days of history, three dates per instance: every date but the newest two restated.
      assertThat(comparedDates).isEqualTo(2 * 8 + 1);
    }
  }

  private static void assertRestated(
      String report,
      String date,
      Map<String, Map<String, String>> earlier,
      Map<String, Map<String, String>> later) {
    Set<String> earlierKeys = earlier.keySet();
    Set<String> laterKeys = later.keySet();
    boolean changed =
        earlierKeys.stream()
            .anyMatch(k -> later.containsKey(k) && !later.get(k).equals(earlier.get(k)));
    boolean added = laterKeys.stream().anyMatch(k -> !earlierKeys.contains(k));
    boolean dropped = earlierKeys.stream().anyMatch(k -> !laterKeys.contains(k));

    assertThat(changed).as("%s %s: a value changed", report, date).isTrue();
    assertThat(added).as("%s %s: a combination added", report, date).isTrue();
    assertThat(dropped).as("%s %s: a combination dropped", report, date).isTrue();
  }

  /** Groups rows by Date, then by their dimension values (every column but the metrics). */
  private static Map<String, Map<String, Map<String, String>>> rowsByDateAndDimensions(
      List<Map<String, String>> rows) {
    Map<String, Map<String, Map<String, String>>> byDate = new HashMap<>();
    for (Map<String, String> row : rows) {
      Map<String, String> dimensions = new LinkedHashMap<>(row);
      dimensions.remove("Counts");
      dimensions.remove("Unique Counts");
      Map<String, Map<String, String>> sameDate =
          byDate.computeIfAbsent(row.get("Date"), d -> new HashMap<>());
      assertThat(sameDate.put(dimensions.toString(), row)).as("duplicate %s", row).isNull();
    }
    return byDate;
  }
}
