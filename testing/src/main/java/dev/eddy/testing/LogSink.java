package dev.eddy.testing;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.event.Level;

/**
 * Where every record of eddy-testing's SLF4J provider goes: first to the open {@link ExpectLog}s
 * (a record one of them matches is not printed, as in Tornado), then to the printer if its level
 * reaches the threshold. Thread-safe: records come from any thread.
 */
final class LogSink {

  /** Above {@link Level#ERROR}: prints nothing. */
  static final int OFF = Integer.MAX_VALUE;

  private final int threshold;
  private final StderrLogPrinter printer;
  private final List<ExpectLog> open = new CopyOnWriteArrayList<>();

  LogSink(int threshold, StderrLogPrinter printer) {
    this.threshold = threshold;
    this.printer = printer;
  }

  /**
   * The threshold that {@code text} names: trace, debug, info, warn, error or off, in any case;
   * null or blank for info.
   *
   * @throws IllegalArgumentException for another value
   */
  static int parseThreshold(String text) {
    if (text == null || text.isBlank()) {
      return Level.INFO.toInt();
    }
    String name = text.trim().toUpperCase(Locale.ROOT);
    if (name.equals("OFF")) {
      return OFF;
    }
    for (Level l : Level.values()) {
      if (l.name().equals(name)) {
        return l.toInt();
      }
    }
    throw new IllegalArgumentException("-D" + RecordingLoggerProvider.LEVEL_PROPERTY
        + " must be trace, debug, info, warn, error or off, got \"" + text + "\"");
  }

  /** True if a record of {@code logger} at {@code level} would be printed or matched. */
  boolean isEnabled(String logger, Level level) {
    if (level.toInt() >= threshold) {
      return true;
    }
    for (ExpectLog e : open) {
      if (e.listensTo(logger, level)) {
        return true;
      }
    }
    return false;
  }

  void log(LoggedEvent event) {
    boolean matched = false;
    for (ExpectLog e : open) {
      matched |= e.offer(event);
    }
    if (!matched && event.level().toInt() >= threshold) {
      printer.print(event);
    }
  }

  void open(ExpectLog expectation) {
    open.add(expectation);
  }

  void close(ExpectLog expectation) {
    open.remove(expectation);
  }
}
