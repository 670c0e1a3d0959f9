package io.appstoreetl.curation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShortListTest {

  @Test
  void shortListKeepsFewNames() {
    assertThat(CurationRun.shortList(List.of("Promo", "Extra"))).isEqualTo("[Promo, Extra]");
  }

  @Test
  void shortListCountsTheRest() {
    List<String> names = IntStream.range(0, 10_000).mapToObj(i -> "c" + i).toList();

    String listed = CurationRun.shortList(names);

    assertThat(listed).startsWith("[c0, c1, ").endsWith("c19] and 9980 more");
  }
}
