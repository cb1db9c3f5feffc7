/**
 * An example poller plugin: Eddy's loop over {@code poll(2)}, written as a third party would
 * write it, against the SPI ({@code dev.eddy.loop.spi}) and Eddy's shared libc socket layer
 * ({@code dev.eddy.loop.posix.jna}), and nothing internal to any backend.
 *
 * <p>The parts, one concept each:
 * <ul>
 *   <li>{@link dev.eddy.examples.poll.PollProvider}: the one public class, what {@code
 *       ServiceLoader} finds; name {@code "poll"}, priority -100, an availability probe, the
 *       transport, {@code open()};</li>
 *   <li>{@code PollPoller}: the SPI's {@code Poller}: register, modify, unregister, poll,
 *       wakeup, close;</li>
 *   <li>{@code PollSet}: the {@code struct pollfd} array handed to the kernel, kept and updated
 *       in place;</li>
 *   <li>{@code PollRegistration}: a key, owner of one entry;</li>
 *   <li>{@code PollBits}: poll(2)'s bits and Eddy's;</li>
 *   <li>{@code SelfPipe}: the wake-up;</li>
 *   <li>{@code LibC}: the one native binding, {@code poll(2)} itself.</li>
 * </ul>
 *
 * <p>The module's tests run Eddy's contract suites ({@code eddy-loop-tck}) against it; see the
 * module's README.
 */
package dev.eddy.examples.poll;
