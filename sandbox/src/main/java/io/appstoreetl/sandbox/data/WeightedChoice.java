package io.appstoreetl.sandbox.data;

import java.util.List;
import java.util.SplittableRandom;

/** A fixed list of values with relative weights, drawn from a seeded random stream. */
final class WeightedChoice {

  private final List<String> values;
  private final int[] cumulativeWeights;

  private WeightedChoice(List<String> values, int[] weights) {
    if (values.size() != weights.length) {
      throw new IllegalArgumentException(
          "Invalid weights: "
              + weights.length
              + " (expected one per value, "
              + values.size()
              + ")");
    }
    this.values = List.copyOf(values);
    this.cumulativeWeights = new int[weights.length];
    int total = 0;
    for (int i = 0; i < weights.length; i++) {
      total += weights[i];
      cumulativeWeights[i] = total;
    }
  }

  static WeightedChoice of(List<String> values, int... weights) {
    return new WeightedChoice(values, weights);
  }

  /** Returns a choice in which every value has the same weight. */
  static WeightedChoice uniform(List<String> values) {
    int[] weights = new int[values.size()];
    java.util.Arrays.fill(weights, 1);
    return new WeightedChoice(values, weights);
  }

  String pick(SplittableRandom random) {
    int total = cumulativeWeights[cumulativeWeights.length - 1];
    int point = random.nextInt(total);
    for (int i = 0; i < cumulativeWeights.length; i++) {
      if (point < cumulativeWeights[i]) {
        return values.get(i);
      }
    }
    throw new IllegalStateException("[BUG] weighted choice fell past its last value");
  }
}
