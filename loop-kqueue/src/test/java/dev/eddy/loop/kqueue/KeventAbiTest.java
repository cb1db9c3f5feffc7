package dev.eddy.loop.kqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** struct kevent per ABI: sizes, offsets, EVFILT_USER, selection, and round trips. */
class KeventAbiTest {

  @ParameterizedTest(name = "{0}: {1} bytes, EVFILT_USER {2}")
  @CsvSource({"MACOS, 32, -10", "FREEBSD11, 32, -11", "FREEBSD, 64, -11"})
  void sizeAndUserFilterFollowTheHeaders(KeventAbi abi, int size, short evfiltUser) {
    assertEquals(size, abi.size());
    assertEquals(evfiltUser, abi.evfiltUser());
  }

  @Test
  void fieldOffsetsAreTheSameInEveryLayout() {
    assertEquals(0, KeventAbi.IDENT);
    assertEquals(8, KeventAbi.FILTER);
    assertEquals(10, KeventAbi.FLAGS);
    assertEquals(12, KeventAbi.FFLAGS);
    assertEquals(16, KeventAbi.DATA);
    assertEquals(24, KeventAbi.UDATA);
  }

  @ParameterizedTest
  @EnumSource(KeventAbi.class)
  void entriesRoundTripAtTheirOffsets(KeventAbi abi) {
    ByteBuffer b = ByteBuffer.allocateDirect(3 * abi.size()).order(ByteOrder.nativeOrder());
    for (int i = 0; i < b.capacity(); i++) {
      b.put(i, (byte) 0x5a); // garbage, so that ext must be zeroed by put
    }
    abi.put(b, 1, 0x1_0000_0007L, Kevent.EVFILT_WRITE, Kevent.EV_EOF | Kevent.EV_ERROR,
        Kevent.NOTE_TRIGGER, -5L, 0xdead_beef_0000_0003L);
    assertEquals(0x1_0000_0007L, abi.ident(b, 1));
    assertEquals(Kevent.EVFILT_WRITE, abi.filter(b, 1));
    assertEquals(0xc000, abi.flags(b, 1), "flags are unsigned 16 bits");
    assertEquals(Kevent.NOTE_TRIGGER, abi.fflags(b, 1));
    assertEquals(-5L, abi.data(b, 1));
    assertEquals(0xdead_beef_0000_0003L, abi.udata(b, 1));
    int base = abi.size();
    assertEquals(0x1_0000_0007L, b.getLong(base));
    assertEquals(Kevent.EVFILT_WRITE, b.getShort(base + 8));
    assertEquals(Kevent.NOTE_TRIGGER, b.getInt(base + 12));
    assertEquals(-5L, b.getLong(base + 16));
    assertEquals(0xdead_beef_0000_0003L, b.getLong(base + 24));
    for (int off = 32; off < abi.size(); off++) {
      assertEquals(0, b.get(base + off), "ext byte " + off);
    }
    assertEquals((byte) 0x5a, b.get(0), "entry 0 untouched");
    assertEquals((byte) 0x5a, b.get(2 * abi.size()), "entry 2 untouched");
  }

  @ParameterizedTest(name = "property {0}, os {1} -> {2}")
  @CsvSource({
    ", Mac OS X, MACOS", ", Darwin, MACOS", ", FreeBSD, FREEBSD", ", Linux, FREEBSD11",
    "freebsd11, FreeBSD, FREEBSD11", "FreeBSD, Linux, FREEBSD", "macos, Linux, MACOS",
    "' ', FreeBSD, FREEBSD"
  })
  void selectionPrefersThePropertyThenTheOs(String property, String os, KeventAbi expected) {
    assertEquals(expected, KeventAbi.select(property, os));
  }

  @Test
  void unknownNamesAreRejectedWithTheChoices() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KeventAbi.select("netbsd", "Linux"));
    assertEquals("eddy.kqueue.abi must be freebsd11, freebsd or macos, got netbsd",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> KeventAbi.select(null, "Windows 11"));
  }
}
