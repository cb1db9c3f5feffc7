/**
 * The event loop: {@link dev.eddy.loop.IOLoop}, its timers ({@link dev.eddy.loop.Timeout},
 * {@link dev.eddy.loop.PeriodicCallback}) and the choice of backend ({@link
 * dev.eddy.loop.PollerSelection}). Loop-affine synchronisation primitives are in {@code
 * dev.eddy.loop.sync}; the backend SPI is in {@code dev.eddy.loop.spi}.
 *
 * <p>Threading, in one line: only {@code addCallback} (and what the Javadoc of each method names
 * as thread-safe) may be called from other threads; everything else belongs to the loop's thread.
 */
package dev.eddy.loop;
