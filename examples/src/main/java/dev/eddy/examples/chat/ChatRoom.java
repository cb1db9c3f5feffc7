package dev.eddy.examples.chat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The room of Tornado's chat demo: the open sockets, and a cache of the last messages that every
 * newcomer gets first. {@link #post} numbers a message, keeps it in the cache (dropping the
 * oldest beyond {@code cacheSize}) and delivers it to every member, the sender included.
 *
 * <p>Threading: one room belongs to one loop's thread (serve its application from one loop);
 * members are called on that thread.
 */
public final class ChatRoom {

  /** Tornado's demo keeps 200 messages. */
  public static final int DEFAULT_CACHE_SIZE = 200;

  /** Someone in the room: an open socket, in the application. */
  public interface Member {
    /** Delivers {@code message}; must not throw (a closed member just drops it). */
    void deliver(ChatMessage message);
  }

  private final int cacheSize;
  private final Deque<ChatMessage> cache = new ArrayDeque<>();
  private final Set<Member> members = new LinkedHashSet<>();
  private long lastId;

  /** @throws IllegalArgumentException if {@code cacheSize} is below 1 */
  public ChatRoom(int cacheSize) {
    if (cacheSize < 1) {
      throw new IllegalArgumentException("cacheSize must be positive, got " + cacheSize);
    }
    this.cacheSize = cacheSize;
  }

  /** Adds {@code member} and delivers the cached messages to it, oldest first. */
  public void join(Member member) {
    if (members.add(member)) {
      for (ChatMessage m : cache) {
        member.deliver(m);
      }
    }
  }

  /** Removes {@code member}; nothing more is delivered to it. Idempotent. */
  public void leave(Member member) {
    members.remove(member);
  }

  /** Numbers, caches and delivers a message to every member; returns it. */
  public ChatMessage post(String nick, String body) {
    ChatMessage message = new ChatMessage(++lastId, nick, body);
    cache.addLast(message);
    while (cache.size() > cacheSize) {
      cache.removeFirst();
    }
    for (Member m : List.copyOf(members)) {
      m.deliver(message);
    }
    return message;
  }

  /** The cached messages, oldest first. */
  public List<ChatMessage> recent() {
    return List.copyOf(cache);
  }

  /** How many members are in the room now. */
  public int size() {
    return members.size();
  }
}
