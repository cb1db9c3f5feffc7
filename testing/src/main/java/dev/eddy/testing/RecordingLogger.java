package dev.eddy.testing;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger of eddy-testing's provider: hands each enabled record to the {@link LogSink}. */
final class RecordingLogger extends LegacyAbstractLogger {

  private static final long serialVersionUID = 1L;

  private final transient LogSink sink;

  RecordingLogger(String name, LogSink sink) {
    this.name = name;
    this.sink = sink;
  }

  @Override
  public boolean isTraceEnabled() {
    return sink.isEnabled(name, Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return sink.isEnabled(name, Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return sink.isEnabled(name, Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return sink.isEnabled(name, Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return sink.isEnabled(name, Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern,
      Object[] arguments, Throwable throwable) {
    String message = MessageFormatter.basicArrayFormat(pattern, arguments);
    sink.log(new LoggedEvent(name, level, message, throwable, Thread.currentThread().getName()));
  }
}
