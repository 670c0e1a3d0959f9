package io.appstoreetl.sandbox.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The query parameters of an API call, with names decoded, so {@code filter%5Bgranularity%5D} and
 * {@code filter[granularity]} are the same parameter. The raw pairs are kept for building links
 * that repeat the caller's own encoding.
 */
public final class QueryParameters {

  private final List<String[]> rawPairs;
  private final Map<String, String> values;

  private QueryParameters(List<String[]> rawPairs, Map<String, String> values) {
    this.rawPairs = rawPairs;
    this.values = values;
  }

  /** Parses a raw (still percent-encoded) query string; null or empty gives no parameters. */
  public static QueryParameters parse(String rawQuery) {
    List<String[]> rawPairs = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String rawName = equals < 0 ? pair : pair.substring(0, equals);
        String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
        rawPairs.add(new String[] {rawName, rawValue});
        values.putIfAbsent(decode(rawName), decode(rawValue));
      }
    }
    return new QueryParameters(rawPairs, values);
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  public Set<String> names() {
    return values.keySet();
  }

  /** Rejects every parameter not in {@code allowed} with 400 {@code PARAMETER_ERROR.ILLEGAL}. */
  public void requireOnly(Collection<String> allowed) {
    for (String name : values.keySet()) {
      if (!allowed.contains(name)) {
        throw ApiErrors.parameterIllegal(name);
      }
    }
  }

  /**
   * Returns the parameter's value or rejects the call with 400 {@code PARAMETER_ERROR.REQUIRED}.
   */
  public String required(String name) {
    String value = values.get(name);
    if (value == null || value.isEmpty()) {
      throw ApiErrors.parameterRequired(name);
    }
    return value;
  }

  /**
   * Returns the comma-separated values of an enumeration parameter, or an empty list when it is
   * absent; a value outside {@code allowed} gives 400 {@code PARAMETER_ERROR.INVALID}.
   */
  public List<String> enumValues(String name, List<String> allowed) {
    String value = values.get(name);
    if (value == null) {
      return List.of();
    }
    List<String> result = new ArrayList<>();
    for (String item : value.split(",", -1)) {
      if (!allowed.contains(item)) {
        throw ApiErrors.parameterNotInEnum(name, item, allowed);
      }
      result.add(item);
    }
    return result;
  }

  /** Returns the raw query without the named parameter, in the caller's order and encoding. */
  public String rawQueryWithout(String name) {
    List<String> remaining = new ArrayList<>();
    for (String[] pair : rawPairs) {
      if (!decode(pair[0]).equals(name)) {
        remaining.add(pair[0] + "=" + pair[1]);
      }
    }
    return String.join("&", remaining);
  }

  /** Returns the raw query as the caller sent it, without empty pairs. */
  public String rawQuery() {
    List<String> all = new ArrayList<>();
    for (String[] pair : rawPairs) {
      all.add(pair[0] + "=" + pair[1]);
    }
    return String.join("&", all);
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiErrors.parameterInvalid(
          raw, "The query parameter '" + raw + "' is not correctly percent-encoded");
    }
  }
}
