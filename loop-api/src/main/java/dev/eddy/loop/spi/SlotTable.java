package dev.eddy.loop.spi;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The registrations of a native poller, indexed by a 64-bit token the kernel carries for it
 * ({@code epoll_event.data}, {@code kevent.udata}): the slot in the low half, the slot's generation
 * in the high half. A slot freed and taken again gets a new generation, so an event still carrying
 * the old token — for a registration removed earlier in the batch, or a descriptor closed and its
 * number reused — {@linkplain #lookup looks up} as null and is dropped at the edge, with no search
 * by descriptor. Freed slots are reused; lookup allocates nothing.
 *
 * <p>For backends. Not thread-safe: the polling thread only.
 *
 * @param <K> the backend's key type
 */
public final class SlotTable<K> {

  private static final int INITIAL = 64;

  private Object[] keys = new Object[INITIAL];
  private int[] generations = new int[INITIAL];
  private boolean[] inUse = new boolean[INITIAL];
  private int[] free = new int[INITIAL];
  private int freeCount;
  private int used;

  /** The token of a slot and generation. */
  public static long token(int slot, int generation) {
    return ((long) generation << 32) | (slot & 0xffffffffL);
  }

  /** Takes a free slot with a new generation; returns its token. {@link #bind} the key next. */
  public long reserve() {
    int slot;
    if (freeCount > 0) {
      slot = free[--freeCount];
      generations[slot]++;
    } else {
      if (used == keys.length) {
        int grown = keys.length * 2;
        keys = Arrays.copyOf(keys, grown);
        generations = Arrays.copyOf(generations, grown);
        inUse = Arrays.copyOf(inUse, grown);
        free = Arrays.copyOf(free, grown);
      }
      slot = used++;
      generations[slot] = 1;
    }
    inUse[slot] = true;
    return token(slot, generations[slot]);
  }

  /** Makes {@code key} the one {@code token} looks up. */
  public void bind(long token, K key) {
    keys[(int) token] = key;
  }

  /**
   * The key of a token, or null if its slot was freed (and perhaps taken again) since, or the
   * token was never one of this table's.
   */
  @SuppressWarnings("unchecked")
  public K lookup(long token) {
    int slot = (int) token;
    if (slot < 0 || slot >= used || !inUse[slot] || generations[slot] != (int) (token >>> 32)) {
      return null;
    }
    return (K) keys[slot];
  }

  /** Frees the token's slot. Does nothing for a stale token, so it may be called twice. */
  public void free(long token) {
    int slot = (int) token;
    if (slot >= 0 && slot < used && inUse[slot] && generations[slot] == (int) (token >>> 32)) {
      inUse[slot] = false;
      keys[slot] = null;
      free[freeCount++] = slot;
    }
  }

  /** Calls {@code action} for every bound key, in slot order (for closing a poller). */
  @SuppressWarnings("unchecked")
  public void forEach(Consumer<? super K> action) {
    for (int slot = 0; slot < used; slot++) {
      if (inUse[slot] && keys[slot] != null) {
        action.accept((K) keys[slot]);
      }
    }
  }
}
