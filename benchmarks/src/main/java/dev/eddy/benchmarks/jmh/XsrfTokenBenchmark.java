package dev.eddy.benchmarks.jmh;

import dev.eddy.web.XsrfTokens;
import java.security.SecureRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * XSRF tokens with {@link XsrfTokens}, as a {@code RequestHandler} uses them, in nanoseconds per
 * token: {@link #generate} masks a raw token into a fresh version 2 token (4 random mask bytes
 * from a default {@link SecureRandom}, as the handler's, then hex), {@link #check} is the {@code
 * check_xsrf_cookie} decision for a submitted token against the cookie (both decoded, raw tokens
 * compared in constant time).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class XsrfTokenBenchmark {

  private static final long NOW = 1_700_000_000L;

  private SecureRandom random;
  private byte[] raw;
  private String cookie;
  private String submitted;

  @Setup
  public void open() {
    random = new SecureRandom();
    raw = XsrfTokens.newRawToken(random);
    cookie = XsrfTokens.newToken(raw, NOW, random);
    submitted = XsrfTokens.newToken(raw, NOW, random);
    if (check() != null) {
      throw new IllegalStateException("the tokens do not match");
    }
  }

  /** One masked token made from the raw token. */
  @Benchmark
  public String generate() {
    return XsrfTokens.newToken(raw, NOW, random);
  }

  /** A submitted token checked against the cookie's: null when they match. */
  @Benchmark
  public String check() {
    return XsrfTokens.check(cookie, submitted);
  }
}
