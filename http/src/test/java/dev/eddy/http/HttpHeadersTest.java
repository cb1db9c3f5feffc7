package dev.eddy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpHeadersTest {

  private static List<String> lines(HttpHeaders h) {
    List<String> out = new ArrayList<>();
    for (HttpHeaders.Field f : h) {
      out.add(f.toString());
    }
    return out;
  }

  @Test
  void emptyHeaders() {
    HttpHeaders h = new HttpHeaders();
    assertEquals(0, h.size());
    assertTrue(h.isEmpty());
    assertNull(h.get("Host"));
    assertEquals(List.of(), h.getAll("Host"));
    assertFalse(h.contains("Host"));
    assertFalse(h.remove("Host"));
    assertEquals(List.of(), h.names());
    assertFalse(h.iterator().hasNext());
    assertThrows(NoSuchElementException.class, () -> h.iterator().next());
    assertEquals("", h.toString());
  }

  @Test
  void lookupIsCaseInsensitiveAndSpellingIsKept() {
    HttpHeaders h = new HttpHeaders();
    h.add("Content-Type", "text/html");
    assertEquals("text/html", h.get("content-type"));
    assertEquals("text/html", h.get("CONTENT-TYPE"));
    assertTrue(h.contains("cOnTeNt-TyPe"));
    assertEquals(List.of("Content-Type"), h.names());
    assertEquals(List.of("Content-Type: text/html"), lines(h));
  }

  @Test
  void repeatedFieldsKeepOrderAndCount() {
    HttpHeaders h = new HttpHeaders();
    h.add("Set-Cookie", "a=1");
    h.add("X-Other", "x");
    h.add("set-cookie", "b=2");
    h.add("SET-COOKIE", "c=3");
    assertEquals(4, h.size());
    assertEquals("a=1", h.get("Set-Cookie"));
    assertEquals(List.of("a=1", "b=2", "c=3"), h.getAll("Set-Cookie"));
    assertEquals(List.of("Set-Cookie", "X-Other"), h.names());
    assertEquals(List.of("Set-Cookie: a=1", "X-Other: x", "set-cookie: b=2", "SET-COOKIE: c=3"),
        lines(h));
    assertEquals("Set-Cookie: a=1\nX-Other: x\nset-cookie: b=2\nSET-COOKIE: c=3\n", h.toString());
  }

  @Test
  void getAllIsASnapshot() {
    HttpHeaders h = HttpHeaders.of("A", "1");
    List<String> all = h.getAll("a");
    h.add("A", "2");
    assertEquals(List.of("1"), all);
    assertThrows(UnsupportedOperationException.class, () -> all.add("x"));
  }

  @Test
  void setReplacesAllInThePlaceOfTheFirst() {
    HttpHeaders h = HttpHeaders.of("A", "1", "B", "b", "a", "2", "C", "c", "A", "3");
    h.set("a", "new");
    assertEquals(List.of("a: new", "B: b", "C: c"), lines(h));
    assertEquals(3, h.size());
    assertEquals(List.of("new"), h.getAll("A"));
    h.set("D", "d");
    assertEquals(List.of("a: new", "B: b", "C: c", "D: d"), lines(h));
  }

  @Test
  void removeDropsEveryFieldOfTheName() {
    HttpHeaders h = HttpHeaders.of("A", "1", "B", "b", "a", "2");
    assertTrue(h.remove("A"));
    assertEquals(List.of("B: b"), lines(h));
    assertEquals(1, h.size());
    assertFalse(h.contains("a"));
    assertEquals(List.of("B"), h.names());
    h.add("A", "3");
    assertEquals(List.of("B: b", "A: 3"), lines(h));
    assertEquals(List.of("B", "A"), h.names());
  }

  @Test
  void behavesLikeAListOfFieldsAcrossTheLinearLimit() {
    // Random adds, sets and removes over a few names, between 0 and 60 fields: the lookups by
    // comparison (up to 16 slots) and by index (past them) agree with a plain list of fields.
    java.util.Random random = new java.util.Random(42);
    String[] names = {"Host", "X-A", "x-b", "X-C", "Accept", "X-Many"};
    for (int run = 0; run < 50; run++) {
      HttpHeaders h = new HttpHeaders();
      List<String[]> model = new ArrayList<>();
      for (int step = 0; step < 300; step++) {
        String name = names[random.nextInt(names.length)];
        String spelled = random.nextBoolean() ? name : name.toUpperCase(java.util.Locale.ROOT);
        String value = "v" + step;
        int op = random.nextInt(10);
        if (op < 6 && model.size() < 60) {
          h.add(spelled, value);
          model.add(new String[] {spelled, value});
        } else if (op < 8) {
          h.set(spelled, value);
          int first = -1;
          for (int i = 0; i < model.size(); i++) {
            if (model.get(i)[0].equalsIgnoreCase(name)) {
              first = i;
              break;
            }
          }
          if (first < 0) {
            model.add(new String[] {spelled, value});
          } else {
            model.set(first, new String[] {spelled, value});
            for (int i = model.size() - 1; i > first; i--) {
              if (model.get(i)[0].equalsIgnoreCase(name)) {
                model.remove(i);
              }
            }
          }
        } else {
          boolean had = model.removeIf(f -> f[0].equalsIgnoreCase(name));
          assertEquals(had, h.remove(spelled));
        }
        assertEquals(model.size(), h.size());
        for (String n : names) {
          List<String> values = new ArrayList<>();
          for (String[] f : model) {
            if (f[0].equalsIgnoreCase(n)) {
              values.add(f[1]);
            }
          }
          assertEquals(values, h.getAll(n.toLowerCase(java.util.Locale.ROOT)), n);
          assertEquals(values.isEmpty() ? null : values.get(0), h.get(n));
          assertEquals(!values.isEmpty(), h.contains(n));
        }
        List<String> expected = new ArrayList<>();
        for (String[] f : model) {
          expected.add(f[0] + ": " + f[1]);
        }
        assertEquals(expected, lines(h));
        assertEquals(expected, lines(h.copy()));
      }
    }
  }

  @Test
  void manyRemovalsCompactAndStayConsistent() {
    HttpHeaders h = new HttpHeaders();
    for (int i = 0; i < 1000; i++) {
      h.add("X-" + (i % 10), Integer.toString(i));
      h.add("Keep-" + i, "k");
    }
    for (int n = 0; n < 10; n++) {
      assertTrue(h.remove("x-" + n));
    }
    assertEquals(1000, h.size());
    int i = 0;
    for (HttpHeaders.Field f : h) {
      assertEquals("Keep-" + i++, f.name());
    }
    assertEquals("k", h.get("keep-999"));
    h.add("X-0", "again");
    assertEquals(List.of("again"), h.getAll("x-0"));
    assertEquals("X-0", h.names().get(1000));
  }

  @Test
  void copyIsIndependent() {
    HttpHeaders h = HttpHeaders.of("A", "1", "B", "2", "a", "3");
    h.remove("B");
    HttpHeaders c = h.copy();
    assertEquals(lines(h), lines(c));
    c.add("C", "c");
    c.set("A", "x");
    assertEquals(List.of("A: 1", "a: 3"), lines(h));
    assertEquals(List.of("A: x", "C: c"), lines(c));
  }

  @Test
  void iterationFailsFastOnChange() {
    HttpHeaders h = HttpHeaders.of("A", "1", "B", "2");
    Iterator<HttpHeaders.Field> it = h.iterator();
    it.next();
    h.add("C", "3");
    assertThrows(ConcurrentModificationException.class, it::next);
  }

  @Test
  void repeatedNamesStayLinear() {
    // Tornado CVE-2025-67725: repeated fields must not cost quadratic time.
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      HttpHeaders h = new HttpHeaders();
      int n = 200_000;
      for (int i = 0; i < n; i++) {
        h.addUnchecked("X-Same", "v");
        h.get("x-same");
      }
      assertEquals(n, h.getAll("X-SAME").size());
      assertEquals(1, h.names().size());
      h.set("x-same", "one");
      assertEquals(1, h.size());
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "X Bad", "X:Bad", "X\r\nInjected", "X\u0000", "Caf\u00e9", "(x)"})
  void addRejectsBadNames(String name) {
    HttpHeaders h = new HttpHeaders();
    assertThrows(IllegalArgumentException.class, () -> h.add(name, "v"));
    assertThrows(IllegalArgumentException.class, () -> h.set(name, "v"));
    assertEquals(0, h.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\rb", "a\nb", "a\r\nX-Injected: 1", "a\u0000", "\u0001", "a\u007f",
      "\u0100", "snow\u2603man"})
  void addRejectsBadValues(String value) {
    HttpHeaders h = new HttpHeaders();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> h.add("X", value));
    assertTrue(e.getMessage().contains("header value"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> h.set("X", value));
    assertEquals(0, h.size());
  }

  @Test
  void addAcceptsWhitespaceAndObsText() {
    HttpHeaders h = new HttpHeaders();
    h.add("X", "a\tb c");
    h.add("Y", "");
    h.add("Z", "caf\u00e9");
    assertEquals(3, h.size());
  }

  @Test
  void namesCompareIgnoringAsciiCaseOnly() {
    HttpHeaders h = HttpHeaders.of("Keep-Alive", "1", "X-^", "2");
    assertEquals("1", h.get("KEEP-alive"));
    assertNull(h.get("\u212Aeep-Alive"), "the Kelvin sign folds to k in Unicode, not in HTTP");
    assertNull(h.get("X-~"), "^ and ~ differ by the case bit but are not letters");
    assertEquals("2", h.get("x-^"));
    assertNull(h.get("Keep-Aliv"));
  }

  @Test
  void nullsAreRejected() {
    HttpHeaders h = new HttpHeaders();
    assertThrows(NullPointerException.class, () -> h.add(null, "v"));
    assertThrows(NullPointerException.class, () -> h.add("X", null));
    assertThrows(NullPointerException.class, () -> h.get(null));
  }

  @Test
  void ofNeedsPairs() {
    assertThrows(IllegalArgumentException.class, () -> HttpHeaders.of("A"));
    assertEquals(0, HttpHeaders.of().size());
  }
}
