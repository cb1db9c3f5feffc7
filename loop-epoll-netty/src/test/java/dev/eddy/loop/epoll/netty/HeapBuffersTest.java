package dev.eddy.loop.epoll.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.spi.HeapBuffers;
import dev.eddy.loop.spi.PipeHandles;
import dev.eddy.loop.spi.StreamHandle;
import dev.eddy.loop.tck.ResourceLeakCheck;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Heap buffers go through the direct scratch buffer: copied in order, positions moved right. */
@ExtendWith(ResourceLeakCheck.class)
class HeapBuffersTest {

  @BeforeAll
  static void loadNettysNativeLibrary() {
    Epoll.ensureAvailability(); // as the provider's probe does before anything else
  }


  @Test
  void gatherCopiesInOrderWithoutMovingTheSources() {
    ByteBuffer[] parts = {
      ByteBuffer.wrap("ab".getBytes(StandardCharsets.US_ASCII)),
      ByteBuffer.allocateDirect(0),
      ByteBuffer.allocateDirect(3).put("cde".getBytes(StandardCharsets.US_ASCII)).flip(),
    };
    ByteBuffer gathered = HeapBuffers.gather(parts, 0, 3);
    assertTrue(gathered.isDirect());
    byte[] bytes = new byte[gathered.remaining()];
    gathered.get(bytes);
    assertEquals("abcde", new String(bytes, StandardCharsets.US_ASCII));
    assertEquals(0, parts[0].position());
    assertEquals(0, parts[2].position());
    HeapBuffers.advance(parts, 0, 3, 3);
    assertEquals(2, parts[0].position());
    assertEquals(1, parts[2].position(), "3 bytes: both of the first part, one of the third");
  }

  @Test
  void aLargeHeapWriteMovesAtMostOneScratchBufferAndTheRestLater() throws IOException {
    PipeHandles pipe = NettyTransport.INSTANCE.pipe();
    try {
      StreamHandle sink = pipe.sink();
      ByteBuffer big = ByteBuffer.allocate(3 * HeapBuffers.SIZE);
      for (int i = 0; i < big.capacity(); i++) {
        big.put(i, (byte) i);
      }
      int n = sink.write(big);
      assertTrue(n > 0 && n <= HeapBuffers.SIZE, "wrote " + n);
      assertEquals(n, big.position());
      ByteBuffer back = ByteBuffer.allocate(n);
      int read = 0;
      while (read < n) {
        read += Math.max(0, pipe.source().read(back));
      }
      for (int i = 0; i < n; i++) {
        assertEquals((byte) i, back.get(i), "byte " + i);
      }
    } finally {
      pipe.close();
    }
  }
}
