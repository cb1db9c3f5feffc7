package dev.eddy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * ExpectLog through the real SLF4J provider of this module (the only one on this module's test
 * class path), with System.err captured to see what is printed.
 */
class ExpectLogTest {

  private static final String NAME = "dev.eddy.testing.sample.Thing";
  private final Logger log = LoggerFactory.getLogger(NAME);

  @Test
  void theProviderIsActive() {
    assertInstanceOf(RecordingLoggerFactory.class, LoggerFactory.getILoggerFactory());
  }

  @Test
  void aMatchedRecordIsKeptAndNotPrinted() {
    List<LoggedEvent> got;
    try (StderrCapture err = new StderrCapture()) {
      try (ExpectLog e = ExpectLog.expect("dev.eddy.testing.sample", "handshake with .* failed")) {
        log.warn("handshake with {} failed: {}", "10.0.0.1:4", "bad record");
        got = e.matched();
      }
      assertEquals("", err.text());
    }
    assertEquals(1, got.size());
    LoggedEvent e = got.get(0);
    assertEquals(NAME, e.loggerName());
    assertEquals(Level.WARN, e.level());
    assertEquals("handshake with 10.0.0.1:4 failed: bad record", e.message());
    assertEquals(Thread.currentThread().getName(), e.threadName());
    assertNull(e.throwable());
  }

  @Test
  void otherRecordsArePrintedLikeSlf4jSimpleFromTheThreshold() {
    IllegalStateException boom = new IllegalStateException("boom");
    String text;
    try (StderrCapture err = new StderrCapture();
        ExpectLog e = ExpectLog.expect(NAME, "expected")) {
      log.info("hello {}", 42);
      log.debug("below the default threshold, info");
      log.error("with a stack", boom);
      log.info("expected");
      text = err.text();
    }
    String thread = Thread.currentThread().getName();
    assertTrue(text.startsWith("[" + thread + "] INFO " + NAME + " - hello 42"
        + System.lineSeparator() + "[" + thread + "] ERROR " + NAME + " - with a stack"
        + System.lineSeparator() + "java.lang.IllegalStateException: boom"), text);
    assertTrue(text.contains("\tat dev.eddy.testing.ExpectLogTest."), text);
    assertFalse(text.contains("below the default threshold"), text);
    assertFalse(text.contains("expected"), text);
  }

  @Test
  void aRequiredExpectationWithoutAMatchFailsOnClose() {
    ExpectLog e = ExpectLog.expect(NAME, "never logged");
    log.info("something else");
    AssertionError failure = assertThrows(AssertionError.class, e::close);
    assertEquals("Did not get expected log message: logger \"" + NAME
        + "\", regex \"never logged\"", failure.getMessage());
    e.close(); // idempotent
  }

  @Test
  void anOptionalExpectationDoesNotFail() {
    try (ExpectLog e = ExpectLog.expect(NAME, "never logged", false, null)) {
      assertTrue(e.matched().isEmpty());
    }
  }

  @Test
  void theRegexMatchesAtTheStartOfTheMessage() {
    try (ExpectLog e = ExpectLog.expect(NAME, "failed", false, null)) {
      log.warn("the handshake failed");
      assertTrue(e.matched().isEmpty(), "as re.match: at the start");
    }
  }

  @Test
  void aLoggerNameCoversItsChildrenOnly() {
    try (ExpectLog e = ExpectLog.expect("dev.eddy.testing.sam", "x", false, null)) {
      log.info("x");
      assertTrue(e.matched().isEmpty(), "a prefix that is not a whole name part");
    }
    try (ExpectLog e = ExpectLog.expect("", "x", true, null)) {
      log.info("x");
    }
  }

  @Test
  void aLevelMakesTheLoggerLogAtItWhileOpen() {
    assertFalse(log.isDebugEnabled());
    try (ExpectLog e = ExpectLog.expect(NAME, "details", true, Level.DEBUG)) {
      assertTrue(log.isDebugEnabled());
      assertFalse(log.isTraceEnabled());
      log.debug("details {}", "here");
      assertEquals("details here", e.matched().get(0).message());
    }
    assertFalse(log.isDebugEnabled());
  }

  @Test
  void aRecordAtAnotherLevelDoesNotMatchAndIsNamedInTheFailure() {
    ExpectLog e = ExpectLog.expect(NAME, "disk full", true, Level.ERROR);
    String printed;
    try (StderrCapture err = new StderrCapture()) {
      log.warn("disk full");
      printed = err.text();
    }
    assertTrue(printed.contains("WARN " + NAME + " - disk full"), printed);
    AssertionError failure = assertThrows(AssertionError.class, e::close);
    assertTrue(failure.getMessage().endsWith(", level ERROR; matched at level WARN instead: ["
        + NAME + "] disk full"), failure.getMessage());
  }

  @Test
  void assertLogsRunsABlock() {
    List<LoggedEvent> got = ExpectLog.assertLogs(NAME, "done", () -> log.info("done"));
    assertEquals(1, got.size());
    assertThrows(AssertionError.class, () -> ExpectLog.assertLogs(NAME, "done", () -> { }));
  }

  @Test
  void anotherProviderIsRefusedWithTheFix() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ExpectLog.sinkOf(new NOPLoggerFactory()));
    assertTrue(e.getMessage().contains("but SLF4J is using org.slf4j.helpers.NOPLoggerFactory"),
        e.getMessage());
    assertTrue(e.getMessage().contains("Remove the other SLF4J binding"), e.getMessage());
    assertTrue(e.getMessage().endsWith(
        "-Dslf4j.provider=dev.eddy.testing.RecordingLoggerProvider"), e.getMessage());
  }

  @Test
  void thresholdsByName() {
    assertEquals(Level.INFO.toInt(), LogSink.parseThreshold(null));
    assertEquals(Level.DEBUG.toInt(), LogSink.parseThreshold(" debug "));
    assertEquals(Level.WARN.toInt(), LogSink.parseThreshold("WARN"));
    assertEquals(LogSink.OFF, LogSink.parseThreshold("off"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LogSink.parseThreshold("loud"));
    assertTrue(e.getMessage().contains("eddy.test.log.level"), e.getMessage());
  }
}
