package io.appstoreetl.sandbox.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The apps of the sandbox's vendor account, derived from the seed and the app count. */
public final class AppCatalog {

  /** First Apple ID minus one: app number {@code n} gets the id {@code FIRST_ID_BASE + n}. */
  private static final long FIRST_ID_BASE = 1_000_000_000L;

  private static final String[] NAMES = {
    "Puzzle Harbor", "Tiny Farm Tycoon", "Word Lantern", "Star Courier", "Pocket Chef",
    "Marble Run Deluxe", "Sky Garden", "Number Nest", "Dragon Post", "Quiet Hours",
    "Pixel Regatta", "Lumen Tiles"
  };

  private static final String[] CATEGORIES = {
    "Games",
    "Games",
    "Education",
    "Games",
    "Food & Drink",
    "Games",
    "Lifestyle",
    "Education",
    "Games",
    "Health & Fitness",
    "Games",
    "Games"
  };

  private final Map<String, SandboxApp> appsById;

  public AppCatalog(long seed, int appCount) {
    Map<String, SandboxApp> apps = new LinkedHashMap<>();
    for (int number = 1; number <= appCount; number++) {
      SandboxApp app = createApp(seed, number);
      apps.put(app.id(), app);
    }
    this.appsById = Collections.unmodifiableMap(apps);
  }

  /** Returns the Apple IDs of the first {@code appCount} sandbox apps, in order. */
  public static List<String> appIds(int appCount) {
    List<String> ids = new ArrayList<>(appCount);
    for (int number = 1; number <= appCount; number++) {
      ids.add(Long.toString(FIRST_ID_BASE + number));
    }
    return List.copyOf(ids);
  }

  public List<SandboxApp> apps() {
    return List.copyOf(appsById.values());
  }

  public Optional<SandboxApp> find(String appId) {
    return Optional.ofNullable(appsById.get(appId));
  }

  private static SandboxApp createApp(long seed, int number) {
    String id = Long.toString(FIRST_ID_BASE + number);
    int nameIndex = (number - 1) % NAMES.length;
    int cycle = (number - 1) / NAMES.length;
    String name = cycle == 0 ? NAMES[nameIndex] : NAMES[nameIndex] + " " + (cycle + 1);
    String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    String bundleId = "com.example." + slug;

    long hash = Seeds.hash(seed, "app", id);
    int major = 1 + (int) Math.floorMod(hash, 4L);
    int minor = (int) Math.floorMod(hash >>> 8, 9L);
    List<String> versions =
        List.of(
            major + "." + minor + ".0",
            major + "." + minor + ".1",
            major + "." + (minor + 1) + ".0");

    List<SandboxApp.InAppPurchase> purchases =
        List.of(
            new SandboxApp.InAppPurchase(
                bundleId + ".gems100",
                "100 Gems",
                Long.toString(6_400_000_000L + number * 10L + 1),
                false),
            new SandboxApp.InAppPurchase(
                bundleId + ".premium",
                "Premium Unlock",
                Long.toString(6_400_000_000L + number * 10L + 2),
                true));

    return new SandboxApp(
        id,
        name,
        bundleId,
        "SKU" + id,
        CATEGORIES[nameIndex],
        versions,
        number % 3 == 2,
        purchases);
  }
}
