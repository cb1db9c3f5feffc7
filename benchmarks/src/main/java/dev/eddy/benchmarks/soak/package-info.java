/**
 * The soak run: {@link dev.eddy.benchmarks.soak.Soak} loads {@link
 * dev.eddy.benchmarks.soak.SoakServer} (the README's hello application in its own JVM) for a
 * bounded time with a mix of keep-alive and closing clients, large uploads and downloads, slow
 * readers and the hostile request fixtures, samples the server's heap after GC, RSS, descriptors
 * and threads, and fails when one of them keeps growing or an error appears. {@code scripts/soak}
 * builds and starts it.
 */
package dev.eddy.benchmarks.soak;
