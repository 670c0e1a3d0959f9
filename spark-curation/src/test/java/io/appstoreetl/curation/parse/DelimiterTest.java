package io.appstoreetl.curation.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DelimiterTest {

  @Test
  void sniffPrefersTab() {
    assertThat(Delimiter.sniff("Date\tApp Name, Inc\tCounts")).isEqualTo(Delimiter.TAB);
  }

  @Test
  void sniffFindsCommaAndSemicolon() {
    assertThat(Delimiter.sniff("Date,App Apple Identifier,Counts")).isEqualTo(Delimiter.COMMA);
    assertThat(Delimiter.sniff("Date;App Apple Identifier;Counts")).isEqualTo(Delimiter.SEMICOLON);
  }

  @Test
  void sniffDefaultsToTabForOneColumn() {
    assertThat(Delimiter.sniff("Date")).isEqualTo(Delimiter.TAB);
  }

  @Test
  void splitKeepsTrailingEmptyFields() {
    assertThat(Delimiter.TAB.split("a\t\tb\t\t")).containsExactly("a", "", "b", "", "");
    assertThat(Delimiter.TAB.split("")).containsExactly("");
  }

  @Test
  void splitUnquotesWellFormedQuotedFields() {
    assertThat(Delimiter.TAB.split("\"\"\t\"x\"\t\"say \"\"hi\"\"\""))
        .containsExactly("", "x", "say \"hi\"");
    assertThat(Delimiter.COMMA.split("\"Acme, Inc\",5")).containsExactly("Acme, Inc", "5");
  }

  @Test
  void splitTakesMalformedQuotesLiterally() {
    assertThat(Delimiter.TAB.split("\"Best\" app\t5\" screen\t\"open"))
        .containsExactly("\"Best\" app", "5\" screen", "\"open");
  }
}
