package io.appstoreetl.sandbox.data;

import java.util.List;

/**
 * One app of the sandbox's vendor account.
 *
 * @param id Apple ID, a numeric string such as {@code 1000000001}
 * @param name app name, as in the {@code App Name} and {@code Title} columns
 * @param bundleId bundle identifier
 * @param sku the SKU the developer chose, such as {@code SKU1000000001}
 * @param category primary App Store category, as in the sales column {@code Category}
 * @param versions released versions, oldest first
 * @param paid whether a first-time download costs money
 * @param inAppPurchases the app's in-app purchase products
 */
public record SandboxApp(
    String id,
    String name,
    String bundleId,
    String sku,
    String category,
    List<String> versions,
    boolean paid,
    List<InAppPurchase> inAppPurchases) {

  /** Returns the newest released version. */
  public String latestVersion() {
    return versions.get(versions.size() - 1);
  }

  /**
   * An in-app purchase product.
   *
   * @param productId the product id, which sales files write in the {@code SKU} column
   * @param title product name
   * @param appleId the product's own Apple ID
   * @param largePrice whether the product uses the storefront's large price point
   */
  public record InAppPurchase(String productId, String title, String appleId, boolean largePrice) {}
}
