/**
 * The poller scaling run of issue 10: how the cost of a poll and of a wake-up grows with the
 * number of idle registered sockets, for every available backend ({@code nio}, {@code epoll-jna},
 * {@code epoll-netty}, {@code kqueue} where there is one) and the {@code poll(2)} plugin of
 * {@code examples/custom-poller}: the select/poll/epoll argument, measured.
 *
 * <h2>Run</h2>
 * <pre>
 * flock /tmp/eddy-mvn.lock mvn -B -q -o package -pl benchmarks -DskipTests
 * java -cp benchmarks/target/eddy-benchmarks.jar dev.eddy.benchmarks.scaling.PollerScaling \
 *     [--quick] [--out FILE.md] [--backends epoll-jna,poll]
 * </pre>
 * The default run takes about a minute and a half, {@code --quick} about fifteen seconds. It
 * prints one table (backend × idle count) and, with {@code --out}, writes it as Markdown. A
 * measurement, not a test: nothing asserts a speed.
 *
 * <h2>Method</h2>
 * For each backend, through the SPI alone and with that backend's own transport (as {@code
 * BackendFigures} does):
 * <ol>
 *   <li>A loopback listener and the <em>active</em> connection, both of whose ends this process
 *       holds.</li>
 *   <li>The <em>idle</em> connections, grown to 10, then 1,000, then 10,000: a child JVM ({@link
 *       dev.eddy.benchmarks.scaling.IdlePeers}) connects them and holds the client ends; this
 *       process accepts them and holds the server ends. Nothing is ever sent on them. With both
 *       ends here, 10,000 connections would take 20,000 descriptors, the hard limit; split, each
 *       process holds about 10,050.</li>
 *   <li>For each size, a fresh poller with every idle socket registered for READ, then the active
 *       one (last, which for {@code poll(2)} means its result sits at the end of the array):
 *       <ul>
 *         <li><b>poll with one ready</b>: one byte is written to the active connection and left
 *             unread, so every {@code poll(0)} returns exactly that one event (checked). Each
 *             call is timed alone; the median and 99th percentile are in nanoseconds, the cost
 *             of {@code System.nanoTime()} included.</li>
 *         <li><b>wake-up latency</b>: the byte is read, so nothing is ready. The polling thread
 *             blocks in {@code poll(1 s)}; another thread waits until it has announced the round
 *             plus a delay (50 µs plus three times the median poll above, so that the poller is
 *             blocked in the kernel even where entering the wait is O(n)), then reads the clock
 *             and calls {@code wakeup()}; the polling thread reads the clock when poll returns.
 *             Median and 99th percentile in microseconds. This includes the scheduler waking the
 *             polling thread, which dominates when the set is small.</li>
 *       </ul></li>
 *   <li>The child resets its ends ({@code SO_LINGER} 0: no {@code TIME_WAIT} left behind), this
 *       process closes its own, and the next backend starts on a new port.</li>
 * </ol>
 * Each cell runs for a fixed time after a warm-up (see {@link
 * dev.eddy.benchmarks.scaling.Settings}), so that the slow cells ({@code poll(2)} with 10,000
 * descriptors) do not stretch the run.
 *
 * <h2>What to expect</h2>
 * epoll keeps a ready list in the kernel, so both figures should stay flat as the idle set grows.
 * {@code poll(2)} hands the kernel the whole array on every call and the kernel checks every
 * descriptor, then the plugin scans the results: both figures grow linearly with the count. A
 * blocking {@code poll(2)} also puts itself on, and later off, the wait queue of every descriptor,
 * so its wake-up grows too. The JDK's selector on Linux is epoll underneath, so {@code nio} should
 * stay flat as well, at a higher constant.
 *
 * <h2>Resources</h2>
 * Every socket, poller and the child are closed in {@code finally} blocks; the child also exits
 * when its standard input ends, that is when this process exits or dies, and a shutdown hook
 * kills it on Ctrl-C. Loopback only.
 */
package dev.eddy.benchmarks.scaling;
