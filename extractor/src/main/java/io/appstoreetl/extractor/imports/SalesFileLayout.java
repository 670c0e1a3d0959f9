package io.appstoreetl.extractor.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Header layouts of the Sales and Trends summary file, recognised by their column names in any
 * order: the 28-column layout Apple sends today, and the 20-column (2011) and 22-column (2015, adds
 * {@code Category} and {@code CMB}) layouts still found in archives.
 */
public enum SalesFileLayout {
  COLUMNS_28("28-column", 28),
  COLUMNS_22("22-column", 22),
  COLUMNS_20("20-column", 20),
  UNRECOGNIZED("unrecognized", 0);

  /** The 28 columns in Apple's order; the older layouts are its first 20 and 22 columns. */
  public static final List<String> MODERN_COLUMNS =
      List.of(
          "Provider",
          "Provider Country",
          "SKU",
          "Developer",
          "Title",
          "Version",
          "Product Type Identifier",
          "Units",
          "Developer Proceeds",
          "Begin Date",
          "End Date",
          "Customer Currency",
          "Country Code",
          "Currency of Proceeds",
          "Apple Identifier",
          "Customer Price",
          "Promo Code",
          "Parent Identifier",
          "Subscription",
          "Period",
          "Category",
          "CMB",
          "Device",
          "Supported Platforms",
          "Proceeds Reason",
          "Preserved Pricing",
          "Client",
          "Order Type");

  /** Columns an imported file must have (case-insensitive), in the order they are reported. */
  public static final List<String> REQUIRED_COLUMNS =
      List.of(
          "SKU",
          "Title",
          "Product Type Identifier",
          "Units",
          "Developer Proceeds",
          "Begin Date",
          "End Date",
          "Country Code",
          "Currency of Proceeds",
          "Apple Identifier");

  private final String label;
  private final int columnCount;

  SalesFileLayout(String label, int columnCount) {
    this.label = label;
    this.columnCount = columnCount;
  }

  public String label() {
    return label;
  }

  /** Recognises the layout whose column names equal the header's, ignoring case and order. */
  public static SalesFileLayout recognise(List<String> header) {
    Set<String> names = lowerCase(header);
    for (SalesFileLayout layout : List.of(COLUMNS_28, COLUMNS_22, COLUMNS_20)) {
      if (names.equals(lowerCase(MODERN_COLUMNS.subList(0, layout.columnCount)))) {
        return layout;
      }
    }

    return UNRECOGNIZED;
  }

  /** Returns the required columns the header lacks, in {@link #REQUIRED_COLUMNS} order. */
  public static List<String> missingRequiredColumns(List<String> header) {
    Set<String> names = lowerCase(header);
    List<String> missing = new ArrayList<>();
    for (String required : REQUIRED_COLUMNS) {
      if (!names.contains(required.toLowerCase(Locale.ROOT))) {
        missing.add(required);
      }
    }

    return missing;
  }

  /** Returns the header's columns that are not in the 28-column layout. */
  public static List<String> unknownColumns(List<String> header) {
    Set<String> known = lowerCase(MODERN_COLUMNS);
    List<String> unknown = new ArrayList<>();
    for (String name : header) {
      if (!name.isEmpty() && !known.contains(name.toLowerCase(Locale.ROOT))) {
        unknown.add(name);
      }
    }

    return unknown;
  }

  private static Set<String> lowerCase(List<String> names) {
    Set<String> lower = new TreeSet<>();
    for (String name : names) {
      if (!name.isEmpty()) {
        lower.add(name.toLowerCase(Locale.ROOT));
      }
    }

    return lower;
  }
}
