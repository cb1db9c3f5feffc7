package dev.eddy.benchmarks.jmh;

import dev.eddy.http.HttpServer;
import dev.eddy.http.HttpServerOptions;
import dev.eddy.loop.IOLoop;
import dev.eddy.stream.IOStream;
import dev.eddy.web.Application;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole path of a plaintext request, in microseconds per request: one keep-alive loopback
 * connection, the server and the client on one loop that the benchmark thread runs; each
 * operation writes one GET ({@link SampleRequest}, 396 bytes, eight header fields) and runs the
 * loop until the whole response ({@code Hello, world!}) has been read.
 *
 * <ul>
 *   <li>{@code stack=http}: an {@link HttpServer} whose handler answers {@code
 *       request.respond(200, "Hello, world!")};</li>
 *   <li>{@code stack=web}: an {@link Application} routing {@code /plaintext} to {@link
 *       HelloHandler}, a {@code RequestHandler} that writes the text (so Tornado's handler
 *       lifecycle: routing, the handler object, default headers, Etag, the access log line —
 *       formatted, though its logger {@code dev.eddy.web.access} is set to WARN here so that
 *       nothing is printed).</li>
 * </ul>
 *
 * <p>What the figure includes: on the server, everything from the readable event to the response
 * reaching the kernel (head read and parsed, the request object, the handler, the response head,
 * the write, the keep-alive bookkeeping and timers); on the client ({@link KeepAliveClient}),
 * writing the fixed request bytes and reading the response as a head up to the empty line plus
 * Content-Length bytes, which allocates the response's two byte arrays and a few futures; the
 * kernel's loopback both ways and the poller; one {@code start()} of the loop per request. So
 * {@code -prof gc}'s {@code gc.alloc.rate.norm} is the bytes allocated per request for the whole
 * round trip, the client's small share included. The backend is the one {@code -Deddy.poller}
 * picks ({@code -jvmArgsAppend -Deddy.poller=nio}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class PlaintextRoundTripBenchmark {

  private static final String ACCESS_LOG_LEVEL = "org.slf4j.simpleLogger.log.dev.eddy.web.access";

  static {
    // Before any logger exists in this fork; an explicit -D setting wins.
    if (System.getProperty(ACCESS_LOG_LEVEL) == null) {
      System.setProperty(ACCESS_LOG_LEVEL, "warn");
    }
  }

  @Param({"http", "web"})
  public String stack;

  private IOLoop loop;
  private HttpServer server;
  private KeepAliveClient client;

  @Setup
  public void open() throws IOException {
    loop = IOLoop.create();
    server = "web".equals(stack)
        ? new Application().add("/plaintext", HelloHandler::new)
            .listen(loop, 0, "127.0.0.1", HttpServerOptions.DEFAULTS)
        : plainServer(loop);
    SocketAddress address = server.addresses().get(0);
    IOStream stream = LoopDriver.await(loop, IOStream.connect(loop, address));
    client = new KeepAliveClient(stream, SampleRequest.get("/plaintext"));
    byte[] body = LoopDriver.await(loop, client.exchange());
    if (body.length != "Hello, world!".length()) {
      throw new IllegalStateException("unexpected body of " + body.length + " bytes");
    }
  }

  private static HttpServer plainServer(IOLoop loop) throws IOException {
    HttpServer s = new HttpServer(loop, request -> request.respond(200, "Hello, world!"));
    s.listen(0, "127.0.0.1");
    return s;
  }

  @TearDown
  public void close() {
    client.close();
    server.stop();
    loop.close(true);
  }

  /** One GET written and its whole response read. */
  @Benchmark
  public byte[] roundTrip() {
    return LoopDriver.await(loop, client.exchange());
  }
}
