package io.appstoreetl.sandbox.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * An App Store storefront with the names and prices the sandbox writes for it.
 *
 * <p>Analytics files name a territory by its English name ({@code United States}) and sales files
 * by its ISO 3166-1 alpha-2 code ({@code US}). Prices are sandbox price points in the storefront's
 * currency, not Apple's real price tiers.
 *
 * @param code ISO 3166-1 alpha-2 code, as in the sales column {@code Country Code}
 * @param alpha3 ISO 3166-1 alpha-3 code, as in the {@code territory} of a customer review
 * @param name name as in the analytics column {@code Territory}
 * @param currency ISO 4217 code of the customer currency and of the proceeds
 * @param currencyDecimals digits after the decimal point for amounts in that currency (0 for JPY)
 * @param smallPrice price of a low-priced product (a paid app, a small in-app purchase)
 * @param largePrice price of a high-priced in-app purchase
 * @param taxRate sales tax or VAT included in the customer price
 * @param weight relative share of the storefront in generated traffic
 */
public record Territory(
    String code,
    String alpha3,
    String name,
    String currency,
    int currencyDecimals,
    BigDecimal smallPrice,
    BigDecimal largePrice,
    BigDecimal taxRate,
    int weight) {

  /** Share of the price after tax that the developer receives. */
  private static final BigDecimal DEVELOPER_SHARE = new BigDecimal("0.70");

  /** Storefronts in generated data; the first entries are the largest markets. */
  public static final List<Territory> ALL =
      List.of(
          of("US", "USA", "United States", "USD", 2, "0.99", "4.99", "0", 30),
          of("GB", "GBR", "United Kingdom", "GBP", 2, "0.99", "4.99", "0.20", 8),
          of("JP", "JPN", "Japan", "JPY", 0, "160", "800", "0.10", 8),
          of("DE", "DEU", "Germany", "EUR", 2, "0.99", "5.99", "0.19", 7),
          of("FR", "FRA", "France", "EUR", 2, "0.99", "5.99", "0.20", 5),
          of("CA", "CAN", "Canada", "CAD", 2, "1.39", "6.99", "0", 4),
          of("AU", "AUS", "Australia", "AUD", 2, "1.49", "7.99", "0.10", 4),
          of("BR", "BRA", "Brazil", "BRL", 2, "5.90", "29.90", "0", 4),
          of("IN", "IND", "India", "INR", 2, "89.00", "449.00", "0.18", 4),
          of("CN", "CHN", "China mainland", "CNY", 2, "6.00", "30.00", "0", 3),
          of("KR", "KOR", "South Korea", "KRW", 0, "1500", "7500", "0.10", 3),
          of("MX", "MEX", "Mexico", "MXN", 2, "19.00", "99.00", "0.16", 3),
          of("IT", "ITA", "Italy", "EUR", 2, "0.99", "5.99", "0.22", 3),
          of("ES", "ESP", "Spain", "EUR", 2, "0.99", "5.99", "0.21", 3),
          of("NL", "NLD", "Netherlands", "EUR", 2, "0.99", "5.99", "0.21", 2),
          of("SE", "SWE", "Sweden", "SEK", 2, "12.00", "59.00", "0.25", 2),
          of("CH", "CHE", "Switzerland", "CHF", 2, "1.00", "6.00", "0.081", 2),
          of("SG", "SGP", "Singapore", "SGD", 2, "1.48", "7.98", "0.09", 2),
          of("TR", "TUR", "Türkiye", "TRY", 2, "39.99", "199.99", "0.20", 2));

  private static Territory of(
      String code,
      String alpha3,
      String name,
      String currency,
      int decimals,
      String smallPrice,
      String largePrice,
      String taxRate,
      int weight) {
    return new Territory(
        code,
        alpha3,
        name,
        currency,
        decimals,
        new BigDecimal(smallPrice),
        new BigDecimal(largePrice),
        new BigDecimal(taxRate),
        weight);
  }

  /** Finds a storefront by its alpha-2 code. */
  public static Optional<Territory> byCode(String code) {
    return ALL.stream().filter(t -> t.code.equals(code)).findFirst();
  }

  /** Returns the developer's proceeds for one unit sold at the given customer price. */
  public BigDecimal proceedsFor(BigDecimal customerPrice) {
    BigDecimal withoutTax =
        customerPrice.divide(BigDecimal.ONE.add(taxRate), 10, RoundingMode.HALF_UP);
    return withoutTax.multiply(DEVELOPER_SHARE).setScale(currencyDecimals, RoundingMode.HALF_UP);
  }

  /** Formats an amount in this storefront's currency with its number of decimals. */
  public String format(BigDecimal amount) {
    if (amount.signum() == 0) {
      return "0";
    }
    return amount.setScale(currencyDecimals, RoundingMode.HALF_UP).toPlainString();
  }
}
