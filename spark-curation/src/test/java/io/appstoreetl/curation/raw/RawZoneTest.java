package io.appstoreetl.curation.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawZoneTest {
  private static final String UNIT =
      "source=analytics/report=app_downloads_standard/granularity=DAILY/processing_date=2025-01-10"
          + "/app_id=1000000001/instance_id=5c43f2fa-aae7-4290-8664-d6551784c508/";

  @Test
  void listsIndexEntriesOfDate(@TempDir Path root) throws IOException {
    Path folder = root.resolve("index/metric_date=2025-01-07");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("bbbbbbbbbbbbbbbb.json"), "{}");
    Files.writeString(folder.resolve("aaaaaaaaaaaaaaaa.json"), "{}");
    Files.writeString(folder.resolve("notes.txt"), "not an entry");
    RawZone raw = RawZone.at(root.toString(), new Configuration());

    assertThat(raw.listIndexEntries(LocalDate.of(2025, 1, 7)))
        .containsExactly(
            "index/metric_date=2025-01-07/aaaaaaaaaaaaaaaa.json",
            "index/metric_date=2025-01-07/bbbbbbbbbbbbbbbb.json");
    assertThat(raw.listIndexEntries(LocalDate.of(2025, 1, 8))).isEmpty();
  }

  @Test
  void readsTextOnlyWhenPresent(@TempDir Path root) throws IOException {
    Files.writeString(root.resolve("hello.json"), "{\"a\": 1}");
    RawZone raw = RawZone.at("file:" + root, new Configuration());

    assertThat(raw.readTextIfExists("hello.json")).hasValue("{\"a\": 1}");
    assertThat(raw.readTextIfExists("missing.json")).isEmpty();
  }

  @Test
  void indexEntryNamesUnitFolder() {
    String entry = "{\"unit\": \"" + UNIT.substring(0, UNIT.length() - 1) + "\"}";

    assertThat(RawZone.unitKeyOfIndexEntry("index/metric_date=2025-01-07/a.json", entry))
        .isEqualTo(UNIT);
  }

  @Test
  void indexEntryMayNameSourceWithUnderscore() {
    String unit =
        "source=apple_ads/report=search_terms/org_id=40669820/campaign_id=542370539/"
            + "fetched_date=2025-01-10/landing=20250110T080000000Z-0a1b2c3d/";

    assertThat(
            RawZone.unitKeyOfIndexEntry(
                "index/metric_date=2025-01-07/a.json", "{\"unit\": \"" + unit + "\"}"))
        .isEqualTo(unit);
  }

  @Test
  void indexEntryOutsideRawZoneIsRejected() {
    assertThatThrownBy(
            () ->
                RawZone.unitKeyOfIndexEntry(
                    "index/x.json", "{\"unit\": \"source=sales/../../etc/\"}"))
        .isInstanceOf(RawZoneException.class)
        .hasMessage(
            "Invalid index entry index/x.json: unit source=sales/../../etc/ (expected a unit folder"
                + " key such as source=analytics/report=.../instance_id=.../)");
  }

  @Test
  void indexEntryWithoutUnitIsRejected() {
    assertThatThrownBy(() -> RawZone.unitKeyOfIndexEntry("index/x.json", "{\"units\": []}"))
        .isInstanceOf(RawZoneException.class)
        .hasMessage(
            "Invalid index entry index/x.json: no \"unit\" string"
                + " (expected {\"unit\": \"source=...\"})");
  }

  @Test
  void localPathBecomesFileUri(@TempDir Path root) {
    RawZone raw = RawZone.at(root.toString(), new Configuration());

    assertThat(raw.root()).isEqualTo("file:" + root);
  }
}
