package dev.eddy.benchmarks.jmh;

import dev.eddy.web.SecretSource;
import dev.eddy.web.SignedValues;
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
 * Signed cookies ({@code setSignedCookie} / {@code getSignedCookie}'s payload) with {@link
 * SignedValues}, Tornado's version 2 format (HMAC-SHA256, hex signature), in nanoseconds per
 * value: {@link #create} signs a 24-byte session value, {@link #decode} verifies and decodes it
 * (signature compared in constant time, age checked). The secret is a plain {@link
 * SecretSource#of} key.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class SignedCookieBenchmark {

  private static final String NAME = "session";
  private static final String VALUE = "user=42;role=admin;v=7:3";
  private static final long NOW = 1_700_000_000L;

  private SecretSource secret;
  private String signed;

  @Setup
  public void open() {
    secret = SecretSource.of("61oETzKXQAGaYdkL5gEmGeJJFuYh7EQnp2XdTP1o/Vo=");
    signed = SignedValues.create(secret, NAME, VALUE, NOW);
    if (!VALUE.equals(decode())) {
      throw new IllegalStateException("the signed value does not decode");
    }
  }

  /** One value signed. */
  @Benchmark
  public String create() {
    return SignedValues.create(secret, NAME, VALUE, NOW);
  }

  /** One signed value verified and decoded. */
  @Benchmark
  public String decode() {
    return SignedValues.decode(secret, NAME, signed, SignedValues.DEFAULT_MAX_AGE_DAYS, NOW + 60);
  }
}
