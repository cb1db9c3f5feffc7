package dev.eddy.examples.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The pollfd array: dense after removals, owners told their index, contents kept on growth. */
class PollSetTest {

  /** An owner that remembers the index it was told. */
  static final class Owner implements PollSet.Entry {
    int index = -1;

    @Override
    public void index(int index) {
      this.index = index;
    }
  }

  @Test
  void removingMovesTheLastEntryIntoTheHole() {
    try (PollSet<Owner> set = new PollSet<>(4)) {
      Owner a = new Owner();
      Owner b = new Owner();
      Owner c = new Owner();
      set.add(10, PollBits.POLLIN, a);
      set.add(11, PollBits.POLLOUT, b);
      set.add(12, (short) (PollBits.POLLIN | PollBits.POLLOUT), c);
      assertEquals(1, b.index);

      set.remove(a.index);

      assertEquals(2, set.size());
      assertSame(c, set.owner(0), "the last entry moved into the hole");
      assertEquals(0, c.index, "and was told its new index");
      assertEquals(12, set.fd(0));
      assertEquals(PollBits.POLLIN | PollBits.POLLOUT, set.events(0));
      assertEquals(1, b.index, "the others stay where they are");
      assertEquals(11, set.fd(1));
      set.remove(b.index); // the last one: nothing moves
      assertEquals(1, set.size());
      assertSame(c, set.owner(0));
    }
  }

  @Test
  void growingKeepsEveryEntry() {
    try (PollSet<Owner> set = new PollSet<>(2)) {
      set.add(3, PollBits.POLLIN, null);
      Owner[] owners = new Owner[100];
      for (int i = 0; i < owners.length; i++) {
        owners[i] = new Owner();
        set.add(1000 + i, PollBits.POLLOUT, owners[i]);
      }
      assertEquals(101, set.size());
      assertEquals(3, set.fd(0));
      assertNull(set.owner(0));
      for (int i = 0; i < owners.length; i++) {
        assertEquals(1 + i, owners[i].index);
        assertEquals(1000 + i, set.fd(1 + i));
        assertEquals(PollBits.POLLOUT, set.events(1 + i));
        assertEquals(0, set.revents(1 + i));
      }
    }
  }

  @Test
  void eachChangeIsOneWrite() {
    try (PollSet<Owner> set = new PollSet<>(4)) {
      Owner a = new Owner();
      set.add(7, PollBits.POLLIN, a);
      set.setEvents(a.index, PollBits.POLLOUT);
      set.remove(a.index);
      assertEquals(3, set.writes());
    }
  }
}
