package io.appstoreetl.extractor.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TestShortList {

  @Test
  void shortListKeepsFewNames() {
    assertThat(SalesFileImporter.shortList(List.of("Promo", "Extra"))).isEqualTo("[Promo, Extra]");
  }

  @Test
  void shortListCountsTheRest() {
    List<String> names = IntStream.range(0, 10_000).mapToObj(i -> "c" + i).toList();

    assertThat(SalesFileImporter.shortList(names))
        .startsWith("[c0, c1, ")
        .endsWith("c19] and 9980 more");
  }
}
