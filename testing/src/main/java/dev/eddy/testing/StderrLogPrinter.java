package dev.eddy.testing;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Supplier;

/**
 * Writes log records in slf4j-simple's format, {@code [thread] LEVEL logger - message} and the
 * exception's stack, one record in one write. By default to {@code System.err} as it is at the
 * time of each record (so a test that replaces it sees the output). This is the log output of a
 * test run: the one place in Eddy's library code that writes to a standard stream.
 */
final class StderrLogPrinter {

  private final Supplier<PrintStream> out;

  StderrLogPrinter() {
    this(() -> System.err);
  }

  StderrLogPrinter(Supplier<PrintStream> out) {
    this.out = out;
  }

  void print(LoggedEvent e) {
    out.get().print(format(e));
  }

  static String format(LoggedEvent e) {
    StringWriter text = new StringWriter();
    PrintWriter w = new PrintWriter(text);
    w.print('[');
    w.print(e.threadName());
    w.print("] ");
    w.print(e.level());
    w.print(' ');
    w.print(e.loggerName());
    w.print(" - ");
    w.println(e.message());
    if (e.throwable() != null) {
      e.throwable().printStackTrace(w);
    }
    w.flush();
    return text.toString();
  }
}
