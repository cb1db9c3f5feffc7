package dev.eddy.examples.poll;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The array of {@code struct pollfd} that poll(2) reads and writes, and beside it, in Java, the
 * registration that owns each entry.
 *
 * <pre>
 * struct pollfd {        offset  size
 *   int   fd;              0      4    the descriptor; a negative one is ignored by the kernel
 *   short events;          4      2    what we ask for (POLLIN, POLLOUT)
 *   short revents;         6      2    what the kernel found; written by every poll(2) call
 * };                                   8 bytes, no padding, on every ABI
 * </pre>
 *
 * <p>poll(2) has no kernel-side registration: the whole interest set is passed in on every call.
 * The cost a poll backend can avoid is rebuilding that array each time, so it lives here in one
 * native block, reused from poll to poll, and changes only when a registration does, in place and
 * in constant time:
 * <ul>
 *   <li>{@link #add}: appends an entry (the block doubles when full; the only copy);</li>
 *   <li>{@link #setEvents}: rewrites one entry's {@code events};</li>
 *   <li>{@link #remove}: moves the last entry into the hole, so the array stays dense and poll(2)
 *       never scans dead entries. (Setting {@code fd = -1} would also disable an entry, but
 *       leaves holes to skip and to reuse.)</li>
 * </ul>
 * Nothing is written when nothing changes; {@link #writes()} counts the writes, so a test can
 * check that. {@code revents} needs no clearing: the kernel sets it for every entry on every call.
 *
 * <p>Not thread-safe: the polling thread only (or one thread while no poll is in progress, as the
 * SPI says), which is also why it may be changed between a poll and the dispatch of its events.
 *
 * @param <T> the owner of an entry (the poller's registration)
 */
final class PollSet<T extends PollSet.Entry> implements AutoCloseable {

  /** What owns an entry: told its index, which {@link #remove} changes for the entry it moves. */
  interface Entry {
    void index(int index);
  }

  static final int SIZE = 8;
  static final int FD = 0;
  static final int EVENTS = 4;
  static final int REVENTS = 6;

  private Memory memory;
  /** A native-order view of {@link #memory}: reads and writes without allocation or reflection. */
  private ByteBuffer view;
  private Object[] owners;
  private int size;
  private long writes;

  /** @param capacity the entries to make room for at first, at least 1 */
  PollSet(int capacity) {
    allocate(capacity);
    owners = new Object[capacity];
  }

  /** The address to pass to poll(2). Valid until the next {@link #add} (which may reallocate). */
  Pointer pointer() {
    return memory;
  }

  /** The number of entries: poll(2)'s {@code nfds}. */
  int size() {
    return size;
  }

  /**
   * Appends an entry and tells the owner its index.
   *
   * @param owner null for an entry the poller keeps for itself (the waker)
   * @return the new entry's index
   */
  int add(int fd, short events, T owner) {
    if (size == owners.length) {
      grow();
    }
    int index = size++;
    view.putInt(index * SIZE + FD, fd);
    view.putShort(index * SIZE + EVENTS, events);
    view.putShort(index * SIZE + REVENTS, (short) 0);
    owners[index] = owner;
    if (owner != null) {
      owner.index(index);
    }
    writes++;
    return index;
  }

  /** Rewrites what entry {@code index} asks for. */
  void setEvents(int index, short events) {
    view.putShort(index * SIZE + EVENTS, events);
    writes++;
  }

  /**
   * Removes entry {@code index}: the last entry moves into its place (and its owner is told), so
   * the array stays dense.
   */
  void remove(int index) {
    int last = size - 1;
    if (index != last) {
      view.putLong(index * SIZE, view.getLong(last * SIZE)); // the whole 8-byte struct at once
      @SuppressWarnings("unchecked")
      T moved = (T) owners[last];
      owners[index] = moved;
      if (moved != null) {
        moved.index(index);
      }
    }
    owners[last] = null;
    size = last;
    writes++;
  }

  /** The descriptor of entry {@code index}. */
  int fd(int index) {
    return view.getInt(index * SIZE + FD);
  }

  /** What entry {@code index} asks for. */
  short events(int index) {
    return view.getShort(index * SIZE + EVENTS);
  }

  /** What the last poll(2) found on entry {@code index}; 0 for nothing. */
  short revents(int index) {
    return view.getShort(index * SIZE + REVENTS);
  }

  /** The owner of entry {@code index}, or null for the poller's own entries. */
  @SuppressWarnings("unchecked")
  T owner(int index) {
    return (T) owners[index];
  }

  /** Calls {@code action} for every owned entry (for closing the poller). */
  @SuppressWarnings("unchecked")
  void forEachOwner(Consumer<? super T> action) {
    for (int i = 0; i < size; i++) {
      if (owners[i] != null) {
        action.accept((T) owners[i]);
      }
    }
  }

  /** How many times an entry was written since creation: for tests. */
  long writes() {
    return writes;
  }

  /** Frees the native block and forgets the owners. Idempotent. */
  @Override
  public void close() {
    if (memory != null) {
      memory.close();
      memory = null;
      view = null;
    }
    Arrays.fill(owners, null);
    size = 0;
  }

  /** Doubles the room: a new block, the live entries copied over, the old block freed. */
  private void grow() {
    Memory old = memory;
    ByteBuffer oldView = view;
    int capacity = owners.length * 2;
    allocate(capacity);
    view.put(0, oldView, 0, size * SIZE);
    owners = Arrays.copyOf(owners, capacity);
    old.close();
  }

  private void allocate(int capacity) {
    long bytes = (long) capacity * SIZE;
    memory = new Memory(bytes);
    view = memory.getByteBuffer(0, bytes).order(ByteOrder.nativeOrder());
  }
}
