package dev.eddy.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The header (or trailer) fields of one HTTP message: a case-insensitive multi-map that keeps the
 * fields in the order they were added and each name as it was spelled. Tornado's {@code
 * HTTPHeaders}, without the comma-joined view: a repeated field stays several fields ({@link
 * #getAll}).
 *
 * <p>Every operation is linear in the number of fields it touches, however often a name repeats:
 * past {@value #LINEAR_LIMIT} fields, fields are indexed by lower-cased name (Tornado's
 * CVE-2025-67725 was a quadratic join of repeated fields); up to it, a lookup compares the names
 * in order, ignoring ASCII case, which allocates nothing and is faster than hashing for the
 * handful of fields most messages carry. Removed fields leave gaps that are compacted once they outnumber
 * the live ones.
 *
 * <p>{@link #add} and {@link #set} check the name and value as fields Eddy is about to send (RFC
 * 9110 §5.1, §5.5), so that no header injection can reach the wire: a name must be a token; a value
 * may hold visible characters, obs-text (%x80–FF, written as ISO-8859-1), SP and HTAB, but no CR,
 * LF, NUL, other control character, DEL or character above U+00FF. Leading and trailing whitespace
 * is allowed and kept (a recipient strips it).
 *
 * <p>Every method throws {@link NullPointerException} for a null name or value.
 *
 * <p>Not thread-safe: like everything a loop owns, a message's headers are touched only on its
 * loop's thread (DESIGN §2). Iteration fails fast with {@link ConcurrentModificationException} if
 * the fields change meanwhile.
 */
public final class HttpHeaders implements Iterable<HttpHeaders.Field> {

  /**
   * One field line: its name as spelled and its value.
   *
   * @param name the field name, as added or received
   * @param value the field value, without surrounding whitespace when received
   */
  public record Field(String name, String value) {

    /** As on the wire, without the line ending: {@code Name: value}. */
    @Override
    public String toString() {
      return name + ": " + value;
    }
  }

  /** The positions of one name's fields in {@link #fields}, ascending. */
  private static final class Positions {
    int[] at = new int[2];
    int count;

    void add(int position) {
      if (count == at.length) {
        at = Arrays.copyOf(at, count * 2);
      }
      at[count++] = position;
    }
  }

  /** Up to this many slots, names are looked up by comparing in order; past it, by index. */
  private static final int LINEAR_LIMIT = 16;

  /** The fields in order; null where one was removed. */
  private Field[] fields = new Field[8];
  /** Slots used in {@link #fields}, live or removed. */
  private int end;
  /** Live fields. */
  private int size;
  private int modCount;
  /** The slots of each lower-cased name; null while {@link #end} is within the linear limit. */
  private HashMap<String, Positions> index;

  /** Empty headers. */
  public HttpHeaders() {}

  /**
   * Headers holding the given fields in order, each checked as by {@link #add}.
   *
   * @param namesAndValues name, value, name, value, …
   * @throws IllegalArgumentException for an odd count or an invalid name or value
   * @throws NullPointerException if an element is null
   */
  public static HttpHeaders of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("expected name, value pairs, got "
          + namesAndValues.length + " strings");
    }
    HttpHeaders h = new HttpHeaders();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      h.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return h;
  }

  /**
   * Appends a field, after any others of the same name.
   *
   * @throws IllegalArgumentException if {@code name} is not a token or {@code value} holds a
   *     character a field value may not (CR, LF, NUL, …); the message names it
   * @throws NullPointerException if either is null
   */
  public void add(String name, String value) {
    check(name, value);
    addUnchecked(name, value);
  }

  /**
   * Replaces every field named {@code name} with one field: in the place of the first of them, or
   * at the end if there was none.
   *
   * @throws IllegalArgumentException as {@link #add}
   * @throws NullPointerException if either is null
   */
  public void set(String name, String value) {
    check(name, value);
    setUnchecked(name, value);
  }

  /** The value of the first field named {@code name} (any case), or null. */
  public String get(String name) {
    int at = first(name);
    return at < 0 ? null : fields[at].value();
  }

  /** The values of every field named {@code name} (any case), in order; empty if none. */
  public List<String> getAll(String name) {
    Objects.requireNonNull(name, "name");
    if (index != null) {
      Positions p = index.get(key(name));
      if (p == null) {
        return List.of();
      }
      String[] values = new String[p.count];
      for (int i = 0; i < p.count; i++) {
        values[i] = fields[p.at[i]].value();
      }
      return List.of(values);
    }
    int count = 0;
    int first = -1;
    for (int i = 0; i < end; i++) {
      if (named(i, name)) {
        first = count++ == 0 ? i : first;
      }
    }
    if (count <= 1) {
      return count == 0 ? List.of() : List.of(fields[first].value());
    }
    String[] values = new String[count];
    for (int i = first, n = 0; n < count; i++) {
      if (named(i, name)) {
        values[n++] = fields[i].value();
      }
    }
    return List.of(values);
  }

  /** True if some field is named {@code name} (any case). */
  public boolean contains(String name) {
    return first(name) >= 0;
  }

  /**
   * Removes every field named {@code name} (any case).
   *
   * @return true if there was one
   */
  public boolean remove(String name) {
    Objects.requireNonNull(name, "name");
    int removed = 0;
    if (index == null) {
      for (int i = 0; i < end; i++) {
        if (named(i, name)) {
          fields[i] = null;
          removed++;
        }
      }
    } else {
      Positions p = index.remove(key(name));
      if (p != null) {
        for (int i = 0; i < p.count; i++) {
          fields[p.at[i]] = null;
        }
        removed = p.count;
      }
    }
    if (removed == 0) {
      return false;
    }
    size -= removed;
    modCount++;
    compactIfSparse();
    return true;
  }

  /**
   * The distinct names, in the order they first appear, each spelled as in its first field.
   * Unmodifiable snapshot.
   */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < end; i++) {
      if (fields[i] != null && first(fields[i].name()) == i) {
        names.add(fields[i].name());
      }
    }
    return List.copyOf(names);
  }

  /** The number of fields (a repeated name counts once per field). */
  public int size() {
    return size;
  }

  /** True if there are no fields. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** The fields in order. Fails fast if the headers change during iteration. */
  @Override
  public Iterator<Field> iterator() {
    return new Iterator<>() {
      private final int expected = modCount;
      private int next = skipRemoved(0);

      @Override
      public boolean hasNext() {
        return next < end;
      }

      @Override
      public Field next() {
        if (modCount != expected) {
          throw new ConcurrentModificationException();
        }
        if (next >= end) {
          throw new NoSuchElementException();
        }
        Field f = fields[next];
        next = skipRemoved(next + 1);
        return f;
      }
    };
  }

  /** An independent copy with the same fields in the same order. */
  public HttpHeaders copy() {
    HttpHeaders c = new HttpHeaders();
    if (size > c.fields.length) {
      c.fields = new Field[Integer.highestOneBit(size) * 2];
    }
    for (int i = 0; i < end; i++) {
      if (fields[i] != null) {
        c.append(fields[i]); // fields are immutable: shared
      }
    }
    return c;
  }

  /** The fields as {@code Name: value} lines, each ending with LF; for logs and debugging. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Field f : this) {
      sb.append(f.name()).append(": ").append(f.value()).append('\n');
    }
    return sb.toString();
  }

  // ---- package-private: for the parser, whose input the grammar has already checked ----

  /** {@link #add} without the checks. */
  void addUnchecked(String name, String value) {
    append(new Field(name, value));
  }

  /** {@link #set} without the checks. */
  void setUnchecked(String name, String value) {
    int at = first(name);
    if (at < 0) {
      append(new Field(name, value));
      return;
    }
    fields[at] = new Field(name, value);
    int dropped = 0;
    if (index == null) {
      for (int i = at + 1; i < end; i++) {
        if (named(i, name)) {
          fields[i] = null;
          dropped++;
        }
      }
    } else {
      Positions p = index.get(key(name));
      for (int i = 1; i < p.count; i++) {
        fields[p.at[i]] = null;
      }
      dropped = p.count - 1;
      p.count = 1;
    }
    size -= dropped;
    modCount++;
    compactIfSparse();
  }

  // ---- internals ----

  private static void check(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Grammar.checkFieldName(name);
    Grammar.checkFieldValue(value);
  }

  private void append(Field f) {
    if (end == fields.length) {
      fields = Arrays.copyOf(fields, end * 2);
    }
    fields[end] = f;
    if (index != null) {
      index.computeIfAbsent(key(f.name()), x -> new Positions()).add(end);
    }
    end++;
    size++;
    modCount++;
    if (index == null && end > LINEAR_LIMIT) {
      index = new HashMap<>();
      for (int i = 0; i < end; i++) {
        if (fields[i] != null) {
          index.computeIfAbsent(key(fields[i].name()), x -> new Positions()).add(i);
        }
      }
    }
  }

  /** The slot of the first live field named {@code name} (any case), or -1. */
  private int first(String name) {
    Objects.requireNonNull(name, "name");
    if (index != null) {
      Positions p = index.get(key(name));
      return p == null ? -1 : p.at[0];
    }
    for (int i = 0; i < end; i++) {
      if (named(i, name)) {
        return i;
      }
    }
    return -1;
  }

  /** True if slot {@code i} holds a live field named {@code name}, ignoring ASCII case. */
  private boolean named(int i, String name) {
    Field f = fields[i];
    if (f == null) {
      return false;
    }
    String n = f.name();
    if (n == name) {
      return true;
    }
    int length = n.length();
    if (name.length() != length) {
      return false;
    }
    for (int j = 0; j < length; j++) {
      char a = n.charAt(j);
      char b = name.charAt(j);
      if (a != b && (a | 0x20) != (b | 0x20) || a != b && !isLetter(a)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetter(char c) {
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  }

  private int skipRemoved(int i) {
    while (i < end && fields[i] == null) {
      i++;
    }
    return i;
  }

  /**
   * Closes the gaps left by removed fields once they outnumber the live ones, so that a gap costs
   * amortised constant time.
   */
  private void compactIfSparse() {
    if (end - size > 16 && end - size > size) {
      compact();
    }
  }

  /** Closes the gaps left by removed fields and re-indexes: linear in the slots used. */
  private void compact() {
    Field[] old = fields;
    int oldEnd = end;
    int capacity = Math.max(8, Integer.highestOneBit(Math.max(1, size)) * 2);
    fields = new Field[capacity];
    end = 0;
    size = 0;
    index = null;
    for (int i = 0; i < oldEnd; i++) {
      if (old[i] != null) {
        append(old[i]);
      }
    }
  }

  /**
   * The lower-case keys of the fields most requests and responses carry, by their usual spelling:
   * a lookup that allocates nothing, where lower-casing would make a string per field.
   */
  private static final Map<String, String> COMMON_KEYS = commonKeys("Host", "User-Agent",
      "Accept", "Accept-Encoding", "Accept-Language", "Accept-Charset", "Connection",
      "Keep-Alive", "Content-Type", "Content-Length", "Content-Encoding", "Transfer-Encoding",
      "Cookie", "Set-Cookie", "Date", "Server", "Cache-Control", "Pragma", "Referer", "Origin",
      "Authorization", "If-None-Match", "If-Modified-Since", "Etag", "ETag", "Last-Modified",
      "Range", "Content-Range", "Accept-Ranges", "Location", "Vary", "Upgrade",
      "Upgrade-Insecure-Requests", "X-Forwarded-For", "X-Forwarded-Proto", "X-Real-Ip",
      "X-Requested-With", "Sec-Fetch-Site", "Sec-Fetch-Mode", "Sec-Fetch-Dest", "Sec-Fetch-User",
      "DNT", "TE", "Expect");

  private static Map<String, String> commonKeys(String... names) {
    Map<String, String> keys = new HashMap<>();
    for (String name : names) {
      keys.put(name, name.toLowerCase(Locale.ROOT));
    }
    return Map.copyOf(keys);
  }

  /**
   * The index key of a name: ASCII lower case. Field names are tokens (ASCII), so this is exact;
   * it allocates nothing when the name is common or already lower case.
   */
  private static String key(String name) {
    String common = COMMON_KEYS.get(name);
    if (common != null) {
      return common;
    }
    int n = name.length();
    int i = 0;
    while (i < n && !isUpper(name.charAt(i))) {
      i++;
    }
    if (i == n) {
      return name;
    }
    char[] chars = name.toCharArray();
    for (; i < n; i++) {
      if (isUpper(chars[i])) {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }
}
