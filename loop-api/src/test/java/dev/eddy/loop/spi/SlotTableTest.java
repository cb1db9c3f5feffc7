package dev.eddy.loop.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotTableTest {

  private final SlotTable<String> table = new SlotTable<>();

  @Test
  void aFreedSlotIsReusedWithANewGenerationAndTheOldTokenIsStale() {
    long a = table.reserve();
    table.bind(a, "a");
    assertEquals("a", table.lookup(a));
    table.free(a);
    assertNull(table.lookup(a));
    long b = table.reserve();
    table.bind(b, "b");
    assertEquals((int) a, (int) b, "the slot is reused");
    assertNotEquals(a, b, "with a new generation");
    assertNull(table.lookup(a), "the old token stays stale");
    assertEquals("b", table.lookup(b));
    table.free(a); // stale: must not free b's slot
    assertEquals("b", table.lookup(b));
  }

  @Test
  void foreignAndUnboundTokensLookUpAsNull() {
    assertNull(table.lookup(SlotTable.token(5, 1)));
    assertNull(table.lookup(0xffffffffL), "slot -1");
    long t = table.reserve();
    assertNull(table.lookup(t), "reserved, not yet bound");
  }

  @Test
  void growsAndVisitsEveryBoundKey() {
    List<Long> tokens = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      long t = table.reserve();
      table.bind(t, "k" + i);
      tokens.add(t);
    }
    for (int i = 0; i < 1000; i += 2) {
      table.free(tokens.get(i));
    }
    List<String> seen = new ArrayList<>();
    table.forEach(seen::add);
    assertEquals(500, seen.size());
    assertEquals("k1", seen.get(0));
    assertEquals("k999", table.lookup(tokens.get(999)));
  }
}
