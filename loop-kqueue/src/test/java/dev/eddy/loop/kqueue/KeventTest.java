package dev.eddy.loop.kqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared kqueue constants, against the BSD and libkqueue headers. */
class KeventTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "EVFILT_READ, -1", "EVFILT_WRITE, -2", "EV_ADD, 1", "EV_DELETE, 2", "EV_CLEAR, 32",
    "EV_RECEIPT, 64", "EV_ERROR, 16384", "EV_EOF, 32768", "NOTE_TRIGGER, 16777216",
    "ENOENT, 2", "EINTR, 4", "EBADF, 9"
  })
  void constantsMatchTheHeaders(String name, int value) throws ReflectiveOperationException {
    assertEquals(value, ((Number) Kevent.class.getDeclaredField(name).get(null)).intValue());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "2, No such file or directory (ENOENT)", "9, Bad file descriptor (EBADF)",
    "22, Invalid argument (EINVAL)", "24, Too many open files (EMFILE)", "6, errno 6",
    "999, errno 999"
  })
  void errnoMessagesNameTheError(int errno, String text) {
    assertEquals(text, BsdErrno.describe(errno));
  }
}
