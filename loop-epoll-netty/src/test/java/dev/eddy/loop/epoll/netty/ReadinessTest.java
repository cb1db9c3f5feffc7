package dev.eddy.loop.epoll.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.eddy.loop.spi.Poller;
import io.netty.channel.epoll.EpollIoOps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Eddy's interest to Netty's ops, and raw epoll readiness bits to Eddy's events. */
class ReadinessTest {

  @ParameterizedTest(name = "epoll 0x{0} -> Eddy 0x{1}")
  @CsvSource({
    "1, 1",        // EPOLLIN: READ
    "4, 4",        // EPOLLOUT: WRITE
    "5, 5",        // both
    "8, 18",       // EPOLLERR: the whole of ERROR
    "10, 18",      // EPOLLHUP (Netty has no constant for it): ERROR too
    "18, 18",
    "11, 19",      // a hang-up with data left to read
    "1d, 1d",      // IN | OUT | ERR | HUP: a refused connect reports everything
    "2, 0",        // EPOLLPRI is not Eddy's
    "2000, 0",     // EPOLLRDHUP is never asked for; dropped should it come
    "2005, 5",
  })
  void readinessBitsMapToEddysEvents(String epollHex, String eddyHex) {
    assertEquals(Integer.parseInt(eddyHex, 16),
        Readiness.events(Integer.parseInt(epollHex, 16)));
  }

  @ParameterizedTest(name = "interest 0x{0} -> ops 0x{1}")
  @CsvSource({
    "0, 8", // no interest: EPOLLERR alone keeps the descriptor in the set, errors reported
    "1, 1",
    "4, 4",
    "5, 5",
  })
  void interestMapsToOpsThatKeepTheDescriptorInTheSet(String interestHex, String opsHex) {
    EpollIoOps ops = Readiness.ops(Integer.parseInt(interestHex, 16));
    assertEquals(Integer.parseInt(opsHex, 16), ops.value());
    assertSame(ops, Readiness.ops(Integer.parseInt(interestHex, 16)), "made once, not per call");
  }

  @ParameterizedTest
  @CsvSource({"1", "4"})
  void eddysBitsAreEpollsBits(int bit) {
    assertEquals(bit, Readiness.events(bit), "READ and WRITE pass unchanged");
    assertEquals(Poller.ERROR, Readiness.events(Readiness.EPOLLERR | Readiness.EPOLLHUP));
  }
}
