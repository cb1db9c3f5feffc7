package dev.eddy.loop.epoll.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** struct epoll_event's layout per architecture, and reading and writing both layouts. */
class EventLayoutTest {

  @ParameterizedTest(name = "{0}: {1} bytes, data at {2}")
  @CsvSource({
    "amd64, 12, 4", "x86_64, 12, 4", "x86, 12, 4", "i386, 12, 4", "i686, 12, 4",
    "aarch64, 16, 8", "arm, 16, 8", "riscv64, 16, 8", "ppc64le, 16, 8", "s390x, 16, 8",
    "loongarch64, 16, 8", "AMD64, 12, 4"
  })
  void layoutFollowsTheKernelHeader(String arch, int size, int dataOffset) {
    EventLayout layout = EventLayout.forArch(arch);
    assertEquals(size, layout.size());
    assertEquals(dataOffset, layout.dataOffset());
  }

  enum Which {
    PACKED(EventLayout.PACKED), ALIGNED(EventLayout.ALIGNED);

    final EventLayout layout;

    Which(EventLayout layout) {
      this.layout = layout;
    }
  }

  @ParameterizedTest
  @EnumSource(Which.class)
  void entriesRoundTripWithoutTouchingTheirNeighbours(Which which) {
    EventLayout layout = which.layout;
    ByteBuffer array = ByteBuffer.allocate(layout.size() * 3).order(ByteOrder.nativeOrder());
    layout.put(array, 0, 0x1, 0xcafebabe00000007L);
    layout.put(array, 1, 0x18, -1L);
    layout.put(array, 2, 0x4 | 0x2000, 0x0000000100000002L);
    assertEquals(0x1, layout.events(array, 0));
    assertEquals(0xcafebabe00000007L, layout.data(array, 0));
    assertEquals(0x18, layout.events(array, 1));
    assertEquals(-1L, layout.data(array, 1));
    assertEquals(0x2004, layout.events(array, 2));
    assertEquals(0x0000000100000002L, layout.data(array, 2));
  }
}
