/**
 * The poller SPI: what a backend implements so that an {@link dev.eddy.loop.IOLoop} can run on it.
 *
 * <p>A backend is one {@link dev.eddy.loop.spi.PollerProvider}, listed in
 * {@code META-INF/services/dev.eddy.loop.spi.PollerProvider}. It opens {@link
 * dev.eddy.loop.spi.Poller}s (readiness multiplexers) and offers one {@link
 * dev.eddy.loop.spi.Transport} that makes the sockets and pipes its pollers accept.
 *
 * <h2>The contract, shared by every backend</h2>
 * <ul>
 *   <li><b>Level-triggered.</b> A handle that is readable stays reported as readable at every
 *       poll until it has been read until it would block. Events may be spurious: a caller
 *       reads or writes until the call returns 0 (would block) and never assumes that an event
 *       means progress is possible.</li>
 *   <li><b>{@link dev.eddy.loop.spi.Poller#ERROR} is always reported</b> where the backend can
 *       see it (error or hang-up), whether or not it was asked for. The {@code nio} backend
 *       cannot see it for a registration whose interest is empty (the JDK's selector drops such
 *       a channel from its epoll set); there the condition shows as the READ or WRITE readiness
 *       that was asked for, and as the failing read or write.</li>
 *   <li><b>One registration per handle.</b> A second {@code register} of a registered handle
 *       fails with {@link dev.eddy.loop.spi.AlreadyRegisteredException}; {@code modify} of a
 *       key that is no longer registered fails with {@link
 *       dev.eddy.loop.spi.NotRegisteredException}; {@code unregister} is idempotent. Every
 *       backend throws these same types with the same messages.</li>
 *   <li><b>No stale events.</b> Each event names the {@link dev.eddy.loop.spi.PollKey} of the
 *       registration it belongs to. Keys are never reused: a key unregistered after the poll
 *       returned — or a handle closed, its descriptor number reused and registered again — gives
 *       a new key, and the old key's {@link dev.eddy.loop.spi.PollKey#isValid()} is false.
 *       Callers skip events whose key is no longer valid ({@link
 *       dev.eddy.loop.spi.PollEvents#isLive(int)}).</li>
 *   <li><b>Timeouts.</b> {@code poll} with a timeout of 0 never blocks; a positive timeout
 *       blocks at most about that long; a negative timeout waits until an event or a {@code
 *       wakeup}. {@code EINTR} is handled inside the backend, which recomputes the remaining
 *       time.</li>
 *   <li><b>Threading.</b> {@link dev.eddy.loop.spi.Poller#wakeup()} is the only method that
 *       may be called from any thread; wake-ups coalesce (many calls before the next poll cost
 *       one early return). Every other poller method is called by the one thread that polls, or
 *       by any single thread while no poll is in progress.</li>
 *   <li><b>No allocation per event.</b> Events land in a {@link dev.eddy.loop.spi.PollEvents}
 *       buffer the caller owns and reuses.</li>
 *   <li><b>Handles belong to their backend.</b> A poller accepts only the handles its own
 *       transport makes (file descriptors for the native backends, {@code SelectableChannel}s
 *       for {@code nio}). A foreign handle is an {@link IllegalArgumentException}.</li>
 * </ul>
 *
 * <h2>What is not guaranteed</h2>
 * <ul>
 *   <li>The order of events within one poll.</li>
 *   <li>That a readiness is reported only once per change: it is reported at every poll while
 *       it lasts.</li>
 *   <li>That {@code ERROR} comes alone: it usually comes with READ and/or WRITE, and a hang-up
 *       is often reported only as READ (the read then returns end of stream).</li>
 *   <li>Any event at all for a handle closed without being unregistered first.</li>
 * </ul>
 *
 * <h2>For backends</h2>
 * The parts of the contract that every backend words the same are written once, here: the
 * argument checks of {@link dev.eddy.loop.spi.Poller} ({@code checkInterest}, {@code ownHandle},
 * {@code checkRegistrable}), the removal of a Unix-domain listener's socket file ({@link
 * dev.eddy.loop.spi.ServerSocketHandle#removeSocketFile}), the log of connections shed while out
 * of descriptors ({@link dev.eddy.loop.spi.SheddingLog}) and, for native backends on Linux, the
 * messages and exception types of errno ({@link dev.eddy.loop.spi.LinuxErrno}).
 *
 * <p>A plugin proves that it keeps this contract by subclassing the suites of {@code
 * eddy-loop-tck} ({@code PollerContract}, {@code TransportContract}, {@code
 * IOLoopContract}).
 */
package dev.eddy.loop.spi;
