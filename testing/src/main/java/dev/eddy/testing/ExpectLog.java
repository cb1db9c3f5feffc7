package dev.eddy.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Expects a logger to log a matching record while it is open, Tornado's {@code ExpectLog}:
 *
 * <pre>{@code
 * try (ExpectLog expected = ExpectLog.expect(SslIOStream.class, "TLS handshake with .* failed")) {
 *   ... code that makes the stream log the failure ...
 * }   // fails here if nothing matched
 *
 * ExpectLog.assertLogs("dev.eddy.web.access", "404 GET /missing", () -> fetch("/missing"));
 * }</pre>
 *
 * <h2>Matching</h2>
 * A record matches when its logger is the one named or below it (name {@code "a.b"} takes {@code
 * "a.b"} and {@code "a.b.C"}; {@code ""} takes every logger), its message (arguments filled in)
 * matches the regular expression at its start ({@link java.util.regex.Matcher#lookingAt()}, as
 * Python's {@code re.match}; begin with {@code .*} to match anywhere), and — if a level was
 * given — it has that level. While open, the expectation makes its logger log at every level
 * (or at the level given), whatever the print threshold, so that the result does not depend on
 * {@code -Deddy.test.log.level}. Matched records are not printed; the others are printed as
 * usual.
 *
 * <h2>Errors</h2>
 * {@link #close()} throws an {@link AssertionError} if the expectation is {@code required} (the
 * default) and no record matched; the message says what was expected, and which records matched
 * the pattern at another level. Made while another SLF4J provider than eddy-testing's is active,
 * the factory methods throw {@link IllegalStateException} saying how to fix the class path.
 *
 * <h2>Threading</h2>
 * Records are taken from every thread (the loop's, executors'), so an expectation sees the whole
 * JVM: tests that expect logs must not run in parallel with tests that log the same thing. Open
 * and close it on one thread; {@link #matched()} may be read from any.
 */
public final class ExpectLog implements AutoCloseable {

  private final LogSink sink;
  private final String logger;
  private final Pattern pattern;
  private final boolean required;
  private final Level level;
  private final List<LoggedEvent> matched = new ArrayList<>();
  private final List<LoggedEvent> otherLevel = new ArrayList<>();
  private boolean closed;

  private ExpectLog(LogSink sink, String logger, String regex, boolean required, Level level) {
    this.sink = sink;
    this.logger = Objects.requireNonNull(logger, "logger");
    this.pattern = Pattern.compile(Objects.requireNonNull(regex, "regex"));
    this.required = required;
    this.level = level;
  }

  /**
   * Opens a required expectation of a record at any level.
   *
   * @param logger a logger name, or the prefix of a hierarchy of them
   * @param regex matched at the start of the message
   * @throws IllegalStateException if eddy-testing's SLF4J provider is not the active one
   * @throws java.util.regex.PatternSyntaxException if {@code regex} is not valid
   */
  public static ExpectLog expect(String logger, String regex) {
    return expect(logger, regex, true, null);
  }

  /** {@link #expect(String, String)} for the logger named after {@code logger}. */
  public static ExpectLog expect(Class<?> logger, String regex) {
    return expect(logger.getName(), regex, true, null);
  }

  /**
   * Opens an expectation.
   *
   * @param logger a logger name, or the prefix of a hierarchy of them
   * @param regex matched at the start of the message
   * @param required if true, {@link #close()} fails when nothing matched; if false, matching
   *     records are only kept out of the output
   * @param level the one level a record must have, or null for any
   * @throws IllegalStateException if eddy-testing's SLF4J provider is not the active one
   */
  public static ExpectLog expect(String logger, String regex, boolean required, Level level) {
    ExpectLog e = new ExpectLog(sinkOf(LoggerFactory.getILoggerFactory()), logger, regex,
        required, level);
    e.sink.open(e);
    return e;
  }

  /**
   * Runs {@code block} inside a required expectation.
   *
   * @return the matching records
   * @throws AssertionError if no record matched (suppressed in {@code block}'s own exception if
   *     it threw one, which is then thrown)
   */
  public static List<LoggedEvent> assertLogs(String logger, String regex, Runnable block) {
    try (ExpectLog e = expect(logger, regex)) {
      block.run();
      return e.matched();
    }
  }

  /** The records matched so far, in the order they were logged. Thread-safe. */
  public List<LoggedEvent> matched() {
    synchronized (matched) {
      return List.copyOf(matched);
    }
  }

  /**
   * Stops listening. Idempotent.
   *
   * @throws AssertionError if the expectation is required and no record matched
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    sink.close(this);
    List<LoggedEvent> got = matched();
    if (required && got.isEmpty()) {
      StringBuilder m = new StringBuilder("Did not get expected log message: logger \"")
          .append(logger).append("\", regex \"").append(pattern).append('"');
      if (level != null) {
        m.append(", level ").append(level);
      }
      synchronized (matched) {
        for (LoggedEvent e : otherLevel) {
          m.append("; matched at level ").append(e.level()).append(" instead: [")
              .append(e.loggerName()).append("] ").append(e.message());
        }
      }
      throw new AssertionError(m.toString());
    }
  }

  /** True if a record of {@code name} at {@code at} must reach this expectation. */
  boolean listensTo(String name, Level at) {
    return covers(name) && (level == null || level == at);
  }

  /** Takes the record if it matches; true if so (then it is not printed). */
  boolean offer(LoggedEvent event) {
    if (!covers(event.loggerName()) || !pattern.matcher(event.message()).lookingAt()) {
      return false;
    }
    synchronized (matched) {
      if (level != null && event.level() != level) {
        otherLevel.add(event);
        return false;
      }
      matched.add(event);
      return true;
    }
  }

  private boolean covers(String name) {
    return logger.isEmpty() || name.equals(logger)
        || (name.startsWith(logger) && name.charAt(logger.length()) == '.');
  }

  /** The sink of eddy-testing's provider behind {@code factory}. */
  static LogSink sinkOf(ILoggerFactory factory) {
    if (factory instanceof RecordingLoggerFactory) {
      return ((RecordingLoggerFactory) factory).sink();
    }
    throw new IllegalStateException("ExpectLog needs eddy-testing's SLF4J provider ("
        + RecordingLoggerProvider.class.getName() + "), but SLF4J is using "
        + factory.getClass().getName() + ". Remove the other SLF4J binding (slf4j-simple, "
        + "logback-classic, ...) from the test class path, or run the tests with -Dslf4j.provider="
        + RecordingLoggerProvider.class.getName());
  }

  @Override
  public String toString() {
    return "ExpectLog[" + logger + ", " + pattern + (level == null ? "" : ", " + level)
        + (required ? "" : ", optional") + "]";
  }
}
