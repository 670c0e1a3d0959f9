package io.appstoreetl.athena;

import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.tables.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AthenaDdlFilesTest {

  private static final Path SQL_FOLDER = Path.of("sql");
  private static final String REGENERATE =
      "regenerate with: java -cp athena-ddl/target/classes:table-schema/target/classes"
          + " io.appstoreetl.athena.AthenaDdlFiles athena-ddl/sql";

  @Test
  void committedDdlMatchesTableDefinitions() throws IOException {
    Map<String, String> generated = AthenaDdlFiles.generate();

    for (Map.Entry<String, String> file : generated.entrySet()) {
      Path committed = SQL_FOLDER.resolve(file.getKey());
      assertThat(committed).as("committed DDL file %s (%s)", committed, REGENERATE).exists();
      assertThat(Files.readString(committed))
          .as("%s differs from its table definition (%s)", committed, REGENERATE)
          .isEqualTo(file.getValue());
    }
    assertThat(committedFiles())
        .as("DDL files without a table definition (%s)", REGENERATE)
        .isEqualTo(new TreeSet<>(generated.keySet()));
  }

  @Test
  void everyTableHasOneDdlFile() {
    assertThat(AthenaDdlFiles.generate()).hasSize(Tables.all().size() + 1);
  }

  /** Returns the committed files except the views, which are written by hand. */
  private static TreeSet<String> committedFiles() throws IOException {
    try (Stream<Path> files = Files.walk(SQL_FOLDER)) {
      List<String> names =
          files
              .filter(Files::isRegularFile)
              .filter(path -> !path.startsWith(SQL_FOLDER.resolve("views")))
              .map(path -> SQL_FOLDER.relativize(path).toString())
              .toList();
      return new TreeSet<>(names);
    }
  }
}
