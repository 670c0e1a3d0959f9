package io.appstoreetl.sandbox.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The apps of the sandbox's vendor account, derived from the seed and the app count. Thread-safe.
 *
 * <p>A test can add an app while the sandbox runs, as when an app is created or transferred into
 * the account: it gets the next number and id, lists in {@code GET /v1/apps} at once, and appears
 * in sales reports from the simulated day it was added on.
 */
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

  private final long seed;
  private final Map<String, SandboxApp> appsById = new LinkedHashMap<>();
  private final Map<String, LocalDate> addedOn = new HashMap<>();

  public AppCatalog(long seed, int appCount) {
    this.seed = seed;
    for (int number = 1; number <= appCount; number++) {
      SandboxApp app = createApp(seed, number);
      appsById.put(app.id(), app);
    }
  }

  /** Adds the next app of the account and returns it; it sells from {@code today} on. */
  public synchronized SandboxApp addApp(LocalDate today) {
    SandboxApp app = createApp(seed, appsById.size() + 1);
    appsById.put(app.id(), app);
    addedOn.put(app.id(), today);
    return app;
  }

  /** Returns the Apple IDs of the first {@code appCount} sandbox apps, in order. */
  public static List<String> appIds(int appCount) {
    List<String> ids = new ArrayList<>(appCount);
    for (int number = 1; number <= appCount; number++) {
      ids.add(Long.toString(FIRST_ID_BASE + number));
    }
    return List.copyOf(ids);
  }

  /** Returns every app, in the order of their ids. */
  public synchronized List<SandboxApp> apps() {
    return List.copyOf(appsById.values());
  }

  /** Returns the apps that exist on that day: all but those added later while running. */
  public synchronized List<SandboxApp> appsOn(LocalDate day) {
    List<SandboxApp> present = new ArrayList<>();
    for (SandboxApp app : appsById.values()) {
      LocalDate added = addedOn.get(app.id());
      if (added == null || !day.isBefore(added)) {
        present.add(app);
      }
    }
    return present;
  }

  /** Returns the Apple IDs of every app, in order. */
  public synchronized List<String> ids() {
    return List.copyOf(appsById.keySet());
  }

  public synchronized Optional<SandboxApp> find(String appId) {
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
