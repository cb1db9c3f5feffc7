package dev.eddy.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ChatRoom} alone: numbering, delivery to members, the bounded cache for newcomers. */
class ChatRoomTest {

  private static final class Inbox implements ChatRoom.Member {
    final List<ChatMessage> got = new ArrayList<>();

    @Override
    public void deliver(ChatMessage message) {
      got.add(message);
    }
  }

  @Test
  void postsGoToEveryMemberAndTheCacheKeepsTheLastOnes() {
    ChatRoom room = new ChatRoom(2);
    Inbox alice = new Inbox();
    room.join(alice);
    room.post("alice", "one");
    room.post("alice", "two");
    room.post("alice", "three");
    assertEquals(List.of(1L, 2L, 3L), alice.got.stream().map(ChatMessage::id).toList());

    Inbox bob = new Inbox();
    room.join(bob);
    assertEquals(List.of("two", "three"), bob.got.stream().map(ChatMessage::body).toList(),
        "a newcomer gets the last two, oldest first");
    assertEquals(room.recent(), bob.got);

    room.leave(alice);
    room.leave(alice);
    room.post("bob", "four");
    assertEquals(3, alice.got.size(), "nothing after leaving");
    assertEquals(new ChatMessage(4, "bob", "four"), bob.got.get(2));
    assertEquals(1, room.size());
  }

  @Test
  void joiningTwiceDoesNotReplayTwice() {
    ChatRoom room = new ChatRoom(ChatRoom.DEFAULT_CACHE_SIZE);
    room.post("alice", "hello");
    Inbox bob = new Inbox();
    room.join(bob);
    room.join(bob);
    assertEquals(1, bob.got.size());
  }

  @Test
  void theCacheHoldsAtLeastOneMessage() {
    assertThrows(IllegalArgumentException.class, () -> new ChatRoom(0));
  }
}
