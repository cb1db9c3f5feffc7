package dev.eddy.loop.kqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared kqueue constants, against the BSD and libkqueue headers. */
class KeventTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "EVFILT_READ, -1", "EVFILT_WRITE, -2", "EV_ADD, 1", "EV_DELETE, 2", "EV_CLEAR, 32",
    "EV_RECEIPT, 64", "EV_ERROR, 16384", "EV_EOF, 32768", "NOTE_TRIGGER, 16777216"
  })
  void constantsMatchTheHeaders(String name, int value) throws ReflectiveOperationException {
    assertEquals(value, ((Number) Kevent.class.getDeclaredField(name).get(null)).intValue());
  }
}
