package dev.eddy.testing;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** The logger factory of eddy-testing's provider: one {@link RecordingLogger} per name. */
final class RecordingLoggerFactory implements ILoggerFactory {

  private final LogSink sink;
  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

  RecordingLoggerFactory(LogSink sink) {
    this.sink = sink;
  }

  LogSink sink() {
    return sink;
  }

  @Override
  public Logger getLogger(String name) {
    return loggers.computeIfAbsent(name, n -> new RecordingLogger(n, sink));
  }
}
