/**
 * The JMH microbenchmarks of issue 10, one class per concern:
 *
 * <ul>
 *   <li>{@link dev.eddy.benchmarks.jmh.LoopCallbackBenchmark}: {@code addCallback} on the loop's
 *       thread and from another thread;</li>
 *   <li>{@link dev.eddy.benchmarks.jmh.TimerBenchmark}: {@code callLater} + {@code cancel}, and
 *       timers scheduled and fired;</li>
 *   <li>{@link dev.eddy.benchmarks.jmh.PollerBenchmark}: per backend, an empty {@code poll(0)}
 *       and a wake-up round trip, through the SPI;</li>
 *   <li>{@link dev.eddy.benchmarks.jmh.ReadUntilBenchmark}: per backend, {@code readUntil} of a
 *       4 MiB message over loopback TCP;</li>
 *   <li>{@code dev.eddy.http.RequestHeadParseBenchmark} (in the http package, since the parser is
 *       package-private) and {@link dev.eddy.benchmarks.jmh.ResponseHeadBenchmark}: one request
 *       head parsed, one response head built and written;</li>
 *   <li>{@link dev.eddy.benchmarks.jmh.PlaintextRoundTripBenchmark}: a GET and its response over
 *       a keep-alive loopback connection, through {@code HttpServer} and through a web {@code
 *       Application};</li>
 *   <li>{@link dev.eddy.benchmarks.jmh.SignedCookieBenchmark} and {@link
 *       dev.eddy.benchmarks.jmh.XsrfTokenBenchmark}: signed values and XSRF tokens.</li>
 * </ul>
 *
 * <p>Every class runs one fork, 3 warm-up and 5 measured iterations of 1 s: 21 runs (backends and
 * stacks counted) of about 9 s with the fork's start, so the whole suite takes about 3 minutes
 * on 2 cores (3 min 7 s measured with {@code -prof gc}), under 4 with {@link AvailableBackends}
 * adding backends. Build and run everything, with the allocation per operation ({@code
 * gc.alloc.rate.norm}, bytes/op):
 *
 * <pre>
 * flock /tmp/eddy-mvn.lock mvn -B -q -o package -pl benchmarks
 * java -cp benchmarks/target/eddy-benchmarks.jar org.openjdk.jmh.Main -prof gc
 * </pre>
 *
 * <p>A subset: JMH's argument is a regular expression matched against the benchmark names
 * ({@code java -cp ... org.openjdk.jmh.Main -l} lists them), for example {@code
 * org.openjdk.jmh.Main Timer} or {@code org.openjdk.jmh.Main 'PollerBenchmark.emptyPoll' -p
 * poller=nio}; these benchmarks alone, should others join the jar: {@code
 * 'dev.eddy.(benchmarks.jmh|http)'}. Quicker, rougher figures: {@code -f 1 -wi 1 -i 1 -w 1s -r 1s}. The backend of the
 * benchmarks without a {@code poller} parameter is the loop's default, or {@code -jvmArgsAppend
 * -Deddy.poller=nio}. {@link dev.eddy.benchmarks.jmh.AvailableBackends} takes the same arguments
 * and sets {@code poller} to the backends that can run here (kqueue included on macOS), where the
 * annotations name nio, epoll-jna and epoll-netty. Measurements, not tests: nothing here asserts
 * a speed.
 */
package dev.eddy.benchmarks.jmh;
