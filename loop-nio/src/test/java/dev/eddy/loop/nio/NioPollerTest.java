package dev.eddy.loop.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.spi.ListenOptions;
import dev.eddy.loop.spi.PollEvents;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.PipeHandles;
import dev.eddy.loop.tck.ResourceLeakCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** What is particular to the Selector poller: its rebuild and its handling of interrupts. */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(30)
class NioPollerTest {

  @Test
  void rebuildingTheSelectorKeepsEveryRegistration() throws IOException {
    PipeHandles pipe = NioTransport.INSTANCE.pipe();
    try (NioPoller poller = new NioPoller()) {
      PollKey source = poller.register(pipe.source(), Poller.READ, "source");
      PollKey sink = poller.register(pipe.sink(), Poller.WRITE, "sink");
      poller.rebuildSelector();
      PollEvents events = new PollEvents(8);
      assertEquals(1, poller.poll(1_000_000_000L, events), "the sink is still watched");
      assertSame(sink, events.key(0));
      pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
      assertEquals(2, poller.poll(1_000_000_000L, events), "and so is the source");
      poller.modify(sink, 0);
      assertEquals(1, poller.poll(1_000_000_000L, events), "modify works on the new selector");
      assertSame(source, events.key(0));
      poller.unregister(source);
      assertEquals(0, poller.poll(0, events), "unregister works on the new selector");
    } finally {
      pipe.close();
    }
  }

  @Test
  void anInterruptIsClearedInsteadOfSpinning() throws IOException {
    try (NioPoller poller = new NioPoller()) {
      PollEvents events = new PollEvents(8);
      Thread.currentThread().interrupt();
      assertEquals(0, poller.poll(-1, events), "the interrupt returns an infinite poll");
      assertFalse(Thread.currentThread().isInterrupted(), "and is cleared");
      long t0 = System.nanoTime();
      poller.poll(100_000_000L, events);
      assertTrue(System.nanoTime() - t0 >= 90_000_000L, "the next poll blocks again");
    }
  }

  @Test
  void connectingSocketSwitchesFromConnectToWriteInterest() throws IOException {
    NioServerSocket listener = (NioServerSocket) NioTransport.INSTANCE.listen(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), ListenOptions.DEFAULTS);
    NioSocket client = (NioSocket) NioTransport.INSTANCE.connect(listener.localAddress(),
        dev.eddy.loop.spi.ConnectOptions.DEFAULTS);
    try (NioPoller poller = new NioPoller()) {
      PollKey key = poller.register(client, Poller.WRITE, null);
      boolean pending = !client.isConnected();
      PollEvents events = new PollEvents(8);
      assertEquals(1, poller.poll(5_000_000_000L, events));
      assertTrue(client.finishConnect());
      int ops = ((NioKey) key).selectionKey.interestOps();
      assertEquals(java.nio.channels.SelectionKey.OP_WRITE, ops,
          "after the connect completes WRITE is OP_WRITE (was pending: " + pending + ")");
    } finally {
      client.close();
      listener.close();
    }
  }
}
