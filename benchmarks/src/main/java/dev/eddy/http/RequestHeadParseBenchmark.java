package dev.eddy.http;

import dev.eddy.benchmarks.jmh.SampleRequest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing one request head ({@link SampleRequest}: a 396-byte browser-like GET with eight header
 * fields) with {@link HeadParser#parseRequest}, the parser {@code Http1Connection} uses on every
 * request: start line, fields into an {@link HttpHeaders}, Host check, framing. In nanoseconds
 * per head; {@code -prof gc}'s {@code gc.alloc.rate.norm} is the bytes it allocates per request
 * (the strings of the start line and fields, the headers' storage, the records).
 *
 * <p>This one class lives in package {@code dev.eddy.http} although it is part of the benchmarks
 * module: {@code HeadParser} is package-private and has no public equivalent, so the benchmark
 * shares its package on the class path (a split package, as Netty's microbench module does). It
 * works because the benchmarks run from the class path, not as modules.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class RequestHeadParseBenchmark {

  private final byte[] head = SampleRequest.get("/plaintext");
  private final HttpParameters params = HttpParameters.DEFAULTS;

  /** One request head parsed and validated. */
  @Benchmark
  public Object parseRequestHead() throws HttpInputException {
    return HeadParser.parseRequest(head, head.length, params);
  }
}
