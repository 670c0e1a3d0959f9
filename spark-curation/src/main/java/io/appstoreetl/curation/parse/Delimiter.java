package io.appstoreetl.curation.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * The field delimiter of a report file, sniffed from its header line.
 *
 * <p>Apple documents its reports as tab-delimited, but at least one client reads a report with
 * commas, so the header decides: tab when it contains a tab, otherwise whichever of comma and
 * semicolon occurs more often (comma on a tie), and tab for a header with none of them.
 */
public enum Delimiter {
  TAB('\t'),
  COMMA(','),
  SEMICOLON(';');

  private static final char QUOTE = '"';

  private final char character;

  Delimiter(char character) {
    this.character = character;
  }

  public char character() {
    return character;
  }

  /** Returns the delimiter of a file whose header line is {@code headerLine}. */
  public static Delimiter sniff(String headerLine) {
    int tabs = 0;
    int commas = 0;
    int semicolons = 0;
    for (int i = 0; i < headerLine.length(); i++) {
      char c = headerLine.charAt(i);
      if (c == '\t') {
        tabs++;
      } else if (c == ',') {
        commas++;
      } else if (c == ';') {
        semicolons++;
      }
    }

    if (tabs > 0) {
      return TAB;
    }
    if (semicolons > commas) {
      return SEMICOLON;
    }
    return commas > 0 ? COMMA : TAB;
  }

  /**
   * Splits a line into fields, keeping empty fields, including trailing ones.
   *
   * <p>A field that starts with a double quote and ends with one before the next delimiter is
   * unquoted: {@code ""} inside it becomes one quote and delimiters inside it stay in the value.
   * Any other field, including one with an unbalanced quote, is taken literally.
   */
  public List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    int position = 0;
    while (true) {
      StringBuilder quoted = null;
      int end = -1;
      if (position < line.length() && line.charAt(position) == QUOTE) {
        quoted = new StringBuilder();
        end = readQuoted(line, position, quoted);
      }
      String field;
      if (end >= 0) {
        field = quoted.toString();
      } else {
        end = line.indexOf(character, position);
        if (end < 0) {
          end = line.length();
        }
        field = line.substring(position, end);
      }

      fields.add(field);
      if (end >= line.length()) {
        return fields;
      }
      position = end + 1;
    }
  }

  /**
   * Reads the quoted field that starts at {@code start} into {@code value} and returns the index of
   * the delimiter after its closing quote (or the line length), or -1 when the field is not a
   * well-formed quoted field.
   */
  private int readQuoted(String line, int start, StringBuilder value) {
    int i = start + 1;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c != QUOTE) {
        value.append(c);
        i++;
      } else if (i + 1 < line.length() && line.charAt(i + 1) == QUOTE) {
        value.append(QUOTE);
        i += 2;
      } else {
        int after = i + 1;
        boolean closesField = after == line.length() || line.charAt(after) == character;
        return closesField ? after : -1;
      }
    }

    return -1;
  }
}
