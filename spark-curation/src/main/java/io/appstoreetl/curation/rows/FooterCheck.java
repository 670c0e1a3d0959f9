package io.appstoreetl.curation.rows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares a file's {@code Total_} footer lines with what its rows add up to.
 *
 * <p>{@code Total_Rows} is compared with the number of data lines, rejected ones included. For
 * financial reports, {@code Total_Amount} is compared with the sum of Extended Partner Share and
 * {@code Total_Units} with the sum of positive quantities; those sums cover the rows that could be
 * read, so a file with rejected lines can mismatch for that reason alone. Other footers are listed
 * as not checked.
 */
final class FooterCheck {

  private FooterCheck() {}

  /**
   * Returns {@code ok: ...} or {@code mismatch: ...} with each footer's figures, or null when the
   * file has no footer.
   *
   * @param amount the rows' amount for {@code Total_Amount}, or null when the format has none
   * @param positiveUnits the rows' units for {@code Total_Units}, or null when the format has none
   */
  static String check(
      Map<String, String> footers,
      long dataLines,
      long rejectedLines,
      BigDecimal amount,
      Long positiveUnits) {
    if (footers.isEmpty()) {
      return null;
    }

    boolean ok = true;
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> footer : footers.entrySet()) {
      String name = footer.getKey();
      String stated = footer.getValue();
      String counted;
      switch (name) {
        case "Total_Rows":
          counted = Long.toString(dataLines);
          break;
        case "Total_Amount":
          counted = amount == null ? null : amount.stripTrailingZeros().toPlainString();
          break;
        case "Total_Units":
          counted = positiveUnits == null ? null : positiveUnits.toString();
          break;
        default:
          counted = null;
      }

      if (counted == null) {
        parts.add(name + " " + stated + " not checked");
      } else if (sameNumber(stated, counted)) {
        parts.add(name + " " + stated + " = " + counted);
      } else {
        ok = false;
        parts.add(name + " " + stated + " != " + counted);
      }
    }

    String result = (ok ? "ok: " : "mismatch: ") + String.join(", ", parts);
    if (!ok && rejectedLines > 0) {
      result += " (" + rejectedLines + " rejected lines are not in the sums)";
    }

    return result;
  }

  private static boolean sameNumber(String stated, String counted) {
    try {
      return new BigDecimal(stated).compareTo(new BigDecimal(counted)) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
