package dev.eddy.benchmarks.scaling;

import java.util.Arrays;

/**
 * The median and the 99th percentile of a set of samples, in nanoseconds.
 *
 * @param median the 50th percentile
 * @param p99 the 99th percentile (nearest rank)
 * @param samples how many samples they were taken from
 */
record Stats(long median, long p99, int samples) {

  /**
   * Sorts {@code values[0 .. count)} in place and takes its percentiles.
   *
   * @throws IllegalArgumentException if {@code count} is 0: a measurement that kept no sample
   */
  static Stats of(long[] values, int count) {
    if (count == 0) {
      throw new IllegalArgumentException("no samples were kept");
    }
    Arrays.sort(values, 0, count);
    return new Stats(values[rank(count, 0.50)], values[rank(count, 0.99)], count);
  }

  /** The index of the nearest-rank percentile {@code q} of {@code count} sorted values. */
  private static int rank(int count, double q) {
    return Math.max(0, (int) Math.ceil(q * count) - 1);
  }
}
