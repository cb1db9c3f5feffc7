package dev.eddy.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimerQueueTest {

  private final TimerQueue queue = new TimerQueue();
  private final List<String> ran = new ArrayList<>();

  private Timeout schedule(long deadline, String name) {
    return queue.schedule(null, deadline, () -> ran.add(name));
  }

  private List<Timeout> popDue(long now) {
    List<Timeout> due = new ArrayList<>();
    queue.popDue(now, due);
    for (Timeout t : due) {
      t.callback.run();
    }
    return due;
  }

  @Test
  void popsInDeadlineOrderAndEqualDeadlinesFifo() {
    schedule(30, "c");
    schedule(10, "a1");
    schedule(20, "b");
    schedule(10, "a2");
    schedule(10, "a3");
    popDue(25);
    assertEquals(List.of("a1", "a2", "a3", "b"), ran);
    assertFalse(queue.isEmpty());
    assertEquals(30, queue.firstDeadline());
  }

  @Test
  void randomDeadlinesComeOutSorted() {
    Random r = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      long d = r.nextInt(1000);
      queue.schedule(null, d, () -> { });
    }
    List<Timeout> due = new ArrayList<>();
    queue.popDue(Long.MAX_VALUE / 2, due);
    assertEquals(10_000, due.size());
    for (int i = 1; i < due.size(); i++) {
      Timeout a = due.get(i - 1);
      Timeout b = due.get(i);
      assertTrue(a.deadline < b.deadline || (a.deadline == b.deadline && a.sequence < b.sequence),
          "order broken at " + i);
    }
  }

  @Test
  void deadlinesAcrossTheNanoTimeWrapStillOrder() {
    long nearMax = Long.MAX_VALUE - 5;
    schedule(nearMax, "before-wrap");
    schedule(nearMax + 10, "after-wrap"); // overflows to a negative number
    popDue(nearMax + 20);
    assertEquals(List.of("before-wrap", "after-wrap"), ran);
  }

  @Test
  void cancelledEntriesAreSkippedAndCompacted() {
    List<Timeout> all = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      all.add(schedule(i, "t" + i));
    }
    // cancellation needs the owning loop only for its thread check
    for (int i = 0; i < 1999; i++) {
      all.get(i).callback = null;
      queue.cancelled();
    }
    assertTrue(queue.size() < 1000, "compacted once over half were cancelled: " + queue.size());
    popDue(5000);
    assertEquals(List.of("t1999"), ran);
    assertTrue(queue.isEmpty());
    assertEquals(0, queue.size());
  }

  @Test
  void fewCancellationsStayLazy() {
    List<Timeout> all = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      all.add(schedule(i, "t" + i));
    }
    for (int i = 0; i < 99; i++) {
      all.get(i).callback = null;
      queue.cancelled();
    }
    assertEquals(100, queue.size(), "below 512 cancellations nothing is rebuilt");
    assertFalse(queue.isEmpty(), "isEmpty drops the cancelled top entries");
    assertEquals(99, queue.firstDeadline());
    assertEquals(1, queue.size());
  }
}
