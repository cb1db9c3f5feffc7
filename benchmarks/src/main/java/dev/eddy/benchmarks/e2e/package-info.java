/**
 * The end-to-end benchmark runner (issue 10): Eddy's HTTP servers against a raw Netty baseline,
 * Python Tornado and nginx, each started in turn as a child process on a free loopback port and
 * driven by {@code wrk}, with one table of requests/s, latency, server CPU and allocation.
 *
 * <p>Run it from the repository root:
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; java -cp benchmarks/target/eddy-benchmarks.jar \
 *     dev.eddy.benchmarks.e2e.Versus [--quick] [--only REGEX] [--rounds N] [--out FILE]
 * </pre>
 *
 * <ul>
 *   <li>{@code --quick}: 1 s warm-up and 2 s measurement per case instead of 1 s (3 s for a
 *       server's first case, its JIT being cold) and 4 s — a smoke run of about five
 *       minutes instead of about eight and a half;</li>
 *   <li>{@code --only REGEX}: only the servers whose name the regex finds (e.g. {@code
 *       'netty-epoll|eddy-web-nio'}); the ratio column needs the {@code netty-epoll} server of the
 *       same parallelism in the run;</li>
 *   <li>{@code --rounds N} (1 to 9, default 1): the whole sequence N times, the servers taking
 *       turns, and each row of the table the server's median round for the case, noted with
 *       every round's requests/s ({@code Rounds}); a disturbance of the shared machine then
 *       falls on every server alike instead of on whichever ran at the time;</li>
 *   <li>{@code --out FILE}: where the Markdown goes ({@code benchmarks/results/<yyyy-mm-dd>.md}
 *       by default).</li>
 * </ul>
 *
 * <p>Needs {@code wrk} on the path; Tornado ({@code /usr/bin/python3} with {@code
 * python3-tornado}) and nginx ({@code /usr/sbin/nginx}) are optional: when absent, their rows
 * say so. Loopback only; every child process is killed and waited for at the end, on failure and
 * on Ctrl-C. A measurement, not a test: the figures depend on the machine and on what else runs
 * on it.
 *
 * <p>The classes: {@link dev.eddy.benchmarks.e2e.Versus} (main), {@code VersusOptions},
 * {@code Catalog} and {@code Server} (what runs), {@code Case} (what is asked), {@code
 * Fixtures} (the files written at run time: static file, wrk script, Tornado script, nginx
 * configuration), {@code ProcessRunner} and {@code ProcCpu} (children and their CPU), {@code
 * Probe} (readiness, answers, the allocation endpoint), {@code Wrk} and {@code WrkResult}, {@code
 * Measurement}, {@code Rounds}, {@code Table} and {@code Report}; and the servers: {@link
 * dev.eddy.benchmarks.e2e.EddyHttpHello}, {@link dev.eddy.benchmarks.e2e.EddyWebHello}, {@link
 * dev.eddy.benchmarks.e2e.NettyHello}.
 */
package dev.eddy.benchmarks.e2e;
