package dev.eddy.testing;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * eddy-testing's SLF4J 2 provider, found by SLF4J through {@code
 * META-INF/services/org.slf4j.spi.SLF4JServiceProvider}: it makes {@link ExpectLog} possible
 * (SLF4J has no API to intercept records) and prints the other records to {@code System.err} in
 * slf4j-simple's format, {@code [thread] LEVEL logger - message}.
 *
 * <p>Records below the level of the system property {@value #LEVEL_PROPERTY} (trace, debug,
 * info, warn, error or off; default info; read once, when SLF4J starts) are neither printed nor
 * formatted, except for loggers an open {@code ExpectLog} listens to. Records an {@code
 * ExpectLog} matches are not printed.
 *
 * <p>It must be the provider SLF4J picks: keep other bindings (slf4j-simple, logback-classic,
 * ...) off the test class path, or run the tests with {@code
 * -Dslf4j.provider=dev.eddy.testing.RecordingLoggerProvider}. {@code ExpectLog} fails with that
 * advice when another provider is active. An invalid level is reported once on {@code
 * System.err} and info is used.
 *
 * <p>Public only for SLF4J's {@link java.util.ServiceLoader}; not for direct use.
 */
public final class RecordingLoggerProvider implements SLF4JServiceProvider {

  /** System property: the lowest level printed (trace, debug, info, warn, error, off). */
  public static final String LEVEL_PROPERTY = "eddy.test.log.level";

  private RecordingLoggerFactory loggerFactory;
  private IMarkerFactory markerFactory;
  private MDCAdapter mdcAdapter;

  /** Made by SLF4J. */
  public RecordingLoggerProvider() {}

  @Override
  public void initialize() {
    StderrLogPrinter printer = new StderrLogPrinter();
    int threshold;
    try {
      threshold = LogSink.parseThreshold(System.getProperty(LEVEL_PROPERTY));
    } catch (IllegalArgumentException e) {
      threshold = Level.INFO.toInt();
      printer.print(new LoggedEvent(RecordingLoggerProvider.class.getName(), Level.WARN,
          e.getMessage() + "; using info", null, Thread.currentThread().getName()));
    }
    loggerFactory = new RecordingLoggerFactory(new LogSink(threshold, printer));
    markerFactory = new BasicMarkerFactory();
    mdcAdapter = new BasicMDCAdapter();
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggerFactory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markerFactory;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdcAdapter;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }
}
