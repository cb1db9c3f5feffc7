package dev.eddy.loop.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The argument checks of {@link Poller}, with the messages every backend gives. */
class PollerChecksTest {

  @Test
  void interestIsBitsOfReadAndWrite() {
    Poller.checkInterest(0);
    Poller.checkInterest(Poller.READ | Poller.WRITE);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Poller.checkInterest(Poller.READ | Poller.ERROR));
    assertEquals("interest must be bits of READ (0x1) and WRITE (0x4), got 0x19", e.getMessage());
  }

  @Test
  void aForeignHandleIsRejectedNamingTheBackend() {
    Handle own = new Handle(true);
    assertSame(own, Poller.ownHandle(own, Handle.class, "test"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Poller.ownHandle(null, Handle.class, "test"));
    assertEquals("the test poller accepts only handles made by the test transport, not null",
        e.getMessage());
  }

  @Test
  void aHandleIsRegisteredOnceAndOnlyWhileOpen() {
    Handle open = new Handle(true);
    Poller.checkRegistrable(open, null);
    Poller.checkRegistrable(open, new Key(open, false));
    AlreadyRegisteredException twice = assertThrows(AlreadyRegisteredException.class,
        () -> Poller.checkRegistrable(open, new Key(open, true)));
    assertEquals("already registered: " + open, twice.getMessage());
    Handle closed = new Handle(false);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Poller.checkRegistrable(closed, null));
    assertEquals("cannot register a closed handle: " + closed, e.getMessage());
  }

  private record Handle(boolean isOpen) implements PollHandle {
    @Override
    public void close() throws IOException {}
  }

  private record Key(PollHandle handle, boolean isValid) implements PollKey {
    @Override
    public Object attachment() {
      return null;
    }

    @Override
    public int interest() {
      return 0;
    }
  }
}
