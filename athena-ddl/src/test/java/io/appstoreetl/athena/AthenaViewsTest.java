package io.appstoreetl.athena;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AthenaViewsTest {

  private static final Path VIEWS_FOLDER = Path.of("sql", "views");

  @Test
  void namesMatchCommittedViewFiles() throws IOException {
    try (Stream<Path> files = Files.list(VIEWS_FOLDER)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(
              AthenaViews.NAMES.stream().map(name -> name + ".sql").toList());
    }
  }

  @Test
  void packagedViewsEqualCommittedFiles() throws IOException {
    for (String name : AthenaViews.NAMES) {
      assertThat(AthenaViews.sql(name))
          .as("view %s in the jar", name)
          .isEqualTo(Files.readString(VIEWS_FOLDER.resolve(name + ".sql")));
    }
  }

  @Test
  void viewsCreateOneQualifiedViewNamedAfterFile() {
    for (String name : AthenaViews.NAMES) {
      String sql = AthenaViews.sql(name);

      assertThat(sql)
          .as("view %s", name)
          .contains("\nCREATE OR REPLACE VIEW " + AthenaDdl.DATABASE + "." + name + " AS\n");
      assertThat(sql).as("view %s quotes no identifier", name).doesNotContain("`", "\"");
      assertThat(sql).as("view %s is one statement", name).doesNotContain(";");
    }
  }
}
