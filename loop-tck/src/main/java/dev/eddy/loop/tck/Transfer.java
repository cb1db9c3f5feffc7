package dev.eddy.loop.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.SocketHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * One side of a two-way bulk transfer: sends its data, shuts down its output, and checksums what
 * it receives until end of stream. Driven by {@link #run} on a poller; not thread-safe.
 */
final class Transfer {

  static final long TIMEOUT_NANOS = 90_000_000_000L;

  private final SocketHandle socket;
  private final ByteBuffer out;
  private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
  private final CRC32 crc = new CRC32();
  private final byte[] scratch = new byte[64 * 1024];
  private long sent;
  private long received;
  private boolean eof;
  private boolean shut;

  Transfer(SocketHandle socket, byte[] data) {
    this.socket = socket;
    this.out = ByteBuffer.allocateDirect(data.length).put(data).flip();
  }

  static long crc(byte[] data) {
    CRC32 c = new CRC32();
    c.update(data);
    return c.getValue();
  }

  long receivedCrc() {
    return crc.getValue();
  }

  /**
   * Drives the given sides on one poller (all registered with it for the duration) until each has
   * sent everything and seen end of stream; fails after {@link #TIMEOUT_NANOS}.
   */
  static void run(Poller poller, Transfer... sides) throws IOException {
    PollKey[] keys = new PollKey[sides.length];
    for (int i = 0; i < sides.length; i++) {
      keys[i] = poller.register(sides[i].socket, Poller.READ | Poller.WRITE, sides[i]);
    }
    try {
      PollEvents events = new PollEvents(8);
      long deadline = System.nanoTime() + TIMEOUT_NANOS;
      while (!allDone(sides)) {
        assertTrue(System.nanoTime() - deadline < 0, () -> "transfer did not finish in "
            + TIMEOUT_NANOS / 1_000_000_000L + " s: " + describe(sides));
        int n = poller.poll(1_000_000_000L, events);
        for (int i = 0; i < n; i++) {
          Transfer t = (Transfer) events.key(i).attachment();
          t.step(events.events(i));
          poller.modify(events.key(i), t.interest());
        }
      }
    } finally {
      for (PollKey key : keys) {
        poller.unregister(key);
      }
    }
  }

  private static boolean allDone(Transfer[] sides) {
    for (Transfer t : sides) {
      if (!(t.eof && t.shut)) {
        return false;
      }
    }
    return true;
  }

  private static String describe(Transfer[] sides) {
    StringBuilder b = new StringBuilder();
    for (Transfer t : sides) {
      b.append("[sent ").append(t.sent).append(", received ").append(t.received).append("] ");
    }
    return b.toString();
  }

  private void step(int ready) throws IOException {
    if ((ready & (Poller.READ | Poller.ERROR)) != 0) {
      int r;
      while ((r = socket.read(in.clear())) > 0) {
        in.flip().get(scratch, 0, r);
        crc.update(scratch, 0, r);
        received += r;
      }
      if (r < 0) {
        eof = true;
      }
    }
    if ((ready & Poller.WRITE) != 0) {
      int n;
      while (out.hasRemaining() && (n = socket.write(out)) > 0) {
        sent += n;
      }
    }
    if (!out.hasRemaining() && !shut) {
      socket.shutdownOutput();
      shut = true;
    }
  }

  private int interest() {
    return (eof ? 0 : Poller.READ) | (out.hasRemaining() ? Poller.WRITE : 0);
  }
}
