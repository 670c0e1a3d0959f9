package io.appstoreetl.extractor.finance;

/** The finance reports of {@code GET /v1/financeReports}. */
public enum FinanceReportType {
  /** One report per region code; {@code ZZ} is the consolidated one. */
  FINANCIAL("financial"),
  /** Apple serves it for region {@code Z1} only. */
  FINANCE_DETAIL("finance_detail");

  /** The only region code Apple serves FINANCE_DETAIL for. */
  public static final String DETAIL_REGION = "Z1";

  private final String slug;

  FinanceReportType(String slug) {
    this.slug = slug;
  }

  /** Returns the report's slug in raw-zone keys. */
  public String slug() {
    return slug;
  }
}
