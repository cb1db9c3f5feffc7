package dev.eddy.loop.spi;

import java.util.Arrays;

/**
 * A reusable buffer of poll results, owned by the caller of {@link Poller#poll}: entry {@code i}
 * is a {@link PollKey} and the events ready on it (bits of {@link Poller#READ}, {@link
 * Poller#WRITE} and {@link Poller#ERROR}).
 *
 * <p>A poll clears the buffer and fills at most {@link #capacity()} entries; handles that did not
 * fit are reported by the next poll (they are level-triggered). Nothing is allocated per event.
 * Not thread-safe: one buffer belongs to one polling thread.
 */
public final class PollEvents {

  private final PollKey[] keys;
  private final int[] events;
  private int size;

  /**
   * @param capacity the most events one poll reports, at least 1
   * @throws IllegalArgumentException if {@code capacity} is less than 1
   */
  public PollEvents(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    keys = new PollKey[capacity];
    events = new int[capacity];
  }

  /** The most entries one poll fills. */
  public int capacity() {
    return keys.length;
  }

  /** The number of entries the last poll filled. */
  public int size() {
    return size;
  }

  /** The key of entry {@code i}. */
  public PollKey key(int i) {
    checkIndex(i);
    return keys[i];
  }

  /** The ready events of entry {@code i}. */
  public int events(int i) {
    checkIndex(i);
    return events[i];
  }

  /**
   * True if entry {@code i} may still be dispatched: its key has not been unregistered since the
   * poll (by a handler that ran earlier in the same batch, for example).
   */
  public boolean isLive(int i) {
    return key(i).isValid();
  }

  /** Empties the buffer and drops the references to its keys. Backends call it first in poll. */
  public void clear() {
    Arrays.fill(keys, 0, size, null);
    size = 0;
  }

  /** True if no more entries fit. */
  public boolean isFull() {
    return size == keys.length;
  }

  /**
   * Appends one entry. For backends, from inside {@link Poller#poll}.
   *
   * @return false (and nothing appended) if the buffer is full
   */
  public boolean add(PollKey key, int readyEvents) {
    if (size == keys.length) {
      return false;
    }
    keys[size] = key;
    events[size] = readyEvents;
    size++;
    return true;
  }

  private void checkIndex(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("event " + i + " of " + size);
    }
  }
}
