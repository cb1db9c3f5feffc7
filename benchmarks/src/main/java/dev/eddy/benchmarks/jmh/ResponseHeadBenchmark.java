package dev.eddy.benchmarks.jmh;

import dev.eddy.http.Http1Connection;
import dev.eddy.http.HttpHeaders;
import dev.eddy.http.HttpParameters;
import dev.eddy.http.HttpVersion;
import dev.eddy.http.ResponseStartLine;
import dev.eddy.loop.IOLoop;
import dev.eddy.stream.IOStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building and writing one response head with the public API, {@link
 * Http1Connection#writeResponseHead} then {@link Http1Connection#finish()}, as {@code
 * HttpServerRequest.respond} does: status line {@code HTTP/1.1 200 OK}, the given {@code
 * Content-Type} and {@code Content-Length}, and the {@code Date} and {@code Server} the
 * connection adds (framing decided, names and values checked, the head encoded and handed to the
 * stream with the 13-byte body in one gathering write).
 *
 * <p>The stream is an {@code IOStream} over a {@link DiscardSocket}, so no system call is made.
 * Included besides the head: a new {@code Http1Connection} per response (a connection writes one
 * head per request it reads, and this one reads none), the stream's write path, and one loop
 * {@code start()} per response that delivers the write futures. In nanoseconds per response;
 * {@code -prof gc}'s {@code gc.alloc.rate.norm} is the bytes allocated per response head.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class ResponseHeadBenchmark {

  private static final ResponseStartLine OK = new ResponseStartLine(HttpVersion.HTTP_1_1, 200,
      "OK");
  private static final byte[] BODY = "Hello, world!".getBytes(StandardCharsets.US_ASCII);

  private IOLoop loop;
  private DiscardSocket socket;
  private IOStream stream;
  private HttpHeaders headers;
  private Runnable stop;

  @Setup
  public void open() {
    loop = IOLoop.create();
    socket = new DiscardSocket();
    stream = new IOStream(loop, socket);
    headers = HttpHeaders.of("Content-Type", "text/plain; charset=utf-8",
        "Content-Length", Integer.toString(BODY.length));
    stop = loop::stop;
  }

  @TearDown
  public void close() {
    stream.close();
    loop.close(true);
    if (socket.written() == 0) {
      throw new IllegalStateException("nothing was written");
    }
  }

  /** One response head (and its body) built and written. */
  @Benchmark
  public CompletableFuture<Void> writeResponseHead() {
    Http1Connection connection = new Http1Connection(stream, false, HttpParameters.DEFAULTS,
        "Eddy");
    connection.writeResponseHead(OK, headers, BODY);
    CompletableFuture<Void> done = connection.finish();
    loop.addCallback(stop);
    loop.start();
    if (!done.isDone()) {
      throw new IllegalStateException("the response was not written at once");
    }
    return done;
  }
}
