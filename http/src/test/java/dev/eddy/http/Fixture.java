package dev.eddy.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One raw HTTP message fixture of {@code fixtures/requests} or {@code fixtures/responses}, with
 * what it expects. The parser tests ({@link ParserFixtureTest}), the live server and client
 * replays ({@link HostileRequestCases}, {@link HostileResponseCases}) and the soak run of the
 * benchmarks (through this module's test jar) read them through this class.
 *
 * <p>One plain-text file per case. It opens with {@code # key: value} expectation lines, then a
 * line {@code ---}, then the raw message:
 *
 * <pre>
 * # why: Content-Length frames the body (RFC 9112 §6.3)
 * # status: ok
 * # method: POST
 * # framing: LENGTH 5
 * # header: Content-Length: 5
 * ---
 * POST /form HTTP/1.1\r\n
 * Host: a\r\n
 * Content-Length: 5\r\n
 * \r\n
 * hello
 * </pre>
 *
 * <p>In the message, the file's own line breaks mean nothing: every byte is written out, with the
 * escapes {@code \r}, {@code \n}, {@code \t}, {@code \\} and {@code \xHH}, so that the hostile
 * cases (bare LF, bare CR, NUL, obs-text) are unambiguous and the files stay plain ASCII. A line
 * {@code @repeat N text} stands for {@code text} (escapes decoded) written N times, for the
 * oversized cases. The head handed to the parser is the message up to and including the first
 * CRLF CRLF after the empty lines it may start with, or the whole message when it has none.
 *
 * <p>Keys: {@code why} (required: the rule, with its RFC section; a long one goes on over
 * further {@code why} lines), {@code status} (required:
 * {@code ok}; for requests the expected {@link HttpInputException#status()}; for responses {@code
 * error}, status 0), {@code message} (a substring of the exception message), {@code method},
 * {@code target}, {@code version}, {@code code}, {@code reason}, {@code framing} ({@code NONE},
 * {@code CHUNKED}, {@code UNTIL_CLOSE} or {@code LENGTH n}; for responses via {@link
 * HeadParser#responseFraming}), {@code request-method} (responses; default GET), {@code
 * expect-continue}, {@code headers} (the field count), {@code header} (repeatable {@code Name:
 * value}: the fields of that name, spelling and order included, must be exactly those listed) and
 * {@code limits} ({@code maxHeaderCount=3, maxBodySize=10}: {@link HttpParameters} fields to
 * change from the defaults) and {@code close} (request fixtures, required: {@code yes} if the
 * server closes the connection after its answer, {@code no} if it keeps it for the next request;
 * checked against a live server by {@link HostileRequestCases}). Expectation values take the same
 * escapes; unknown keys fail.
 *
 * <p>Two keys are for what only a live server can judge (request fixtures). {@code stage}: {@code
 * head} (the default: the head parser decides) or {@code body}: the head parser accepts the first
 * head (and the head keys above describe it), and {@code status} is what the server answers after
 * it, decided by the body (chunk lines and data), the trailer section, a message pipelined behind
 * it, or the connection's own rules (leading empty lines); {@code message} is then a substring of
 * the answer. A body-stage fixture carries its whole body: {@link #complete()} adds nothing.
 * {@code answers}: the final statuses the server sends for the fixture's message, in order, space
 * separated ({@code 200 400}: a good request, then a bad one pipelined behind it), when it holds
 * more than one request; by default one, {@code status} ({@code 200} for {@code ok}).
 *
 * @param name the directory and file name, as {@code requests/err-cl-plus-sign.txt}
 * @param request whether it is a request (else a response)
 * @param expect the expectation lines, each key with its values in file order
 * @param message the raw bytes of the message
 */
public record Fixture(String name, boolean request, Map<String, List<String>> expect,
    byte[] message) {

  private static final Set<String> KEYS = Set.of("why", "status", "message", "method", "target",
      "version", "code", "reason", "framing", "request-method", "expect-continue", "headers",
      "header", "limits", "close", "stage", "answers");

  private static final Pattern CONTENT_LENGTH =
      Pattern.compile("(?i)\r\ncontent-length:[ \\t]*(\\d+)\r\n");

  /** The first value of {@code key}, or null. */
  public String one(String key) {
    List<String> v = expect.get(key);
    return v == null ? null : v.get(0);
  }

  @Override
  public String toString() {
    return name;
  }

  /** True for a fixture whose outcome comes after its head ({@code # stage: body}). */
  public boolean bodyStage() {
    return "body".equals(one("stage"));
  }

  /**
   * The final statuses a live server sends for the message: {@code answers}, else the one of
   * {@code status} ({@code 200} for {@code ok}).
   */
  public List<String> answers() {
    String answers = one("answers");
    if (answers != null) {
      return List.of(answers.strip().split("[ ,]+"));
    }
    return List.of("ok".equals(one("status")) ? "200" : one("status"));
  }

  /** True for a head that never ends (no answer is due; the peer's end of stream ends it). */
  public boolean unfinished() {
    return name.contains("not-terminated")
        || new String(message, StandardCharsets.ISO_8859_1).isBlank();
  }

  /** True for a fixture after which the server keeps the connection ({@code # close: no}). */
  public boolean keptOpen() {
    return "no".equals(one("close"));
  }

  /**
   * What a replay sends: {@link #complete()}, followed by {@code second} when the server keeps
   * the connection, to show that it answers a request behind the fixture too.
   */
  public byte[] replay(byte[] second) {
    byte[] m = complete();
    if (!keptOpen()) {
      return m;
    }
    byte[] out = Arrays.copyOf(m, m.length + second.length);
    System.arraycopy(second, 0, out, m.length, second.length);
    return out;
  }

  /**
   * The final statuses a live server sends for {@link #replay}: none for an unfinished head,
   * else {@link #answers()}, and a {@code 200} for the second request when the server keeps the
   * connection.
   */
  public List<String> expectedFinals() {
    if (unfinished()) {
      return List.of();
    }
    List<String> expected = new ArrayList<>(answers());
    if (keptOpen()) {
      expected.add("200");
    }
    return expected;
  }

  /**
   * The length of the head: up to and including the first CRLF CRLF after the empty lines (CRLF)
   * the message may start with, or the whole message.
   */
  public int headLength() {
    byte[] m = message;
    int start = 0;
    while (start + 1 < m.length && m[start] == '\r' && m[start + 1] == '\n') {
      start += 2;
    }
    for (int i = start; i + 3 < m.length; i++) {
      if (m[i] == '\r' && m[i + 1] == '\n' && m[i + 2] == '\r' && m[i + 3] == '\n') {
        return i + 4;
      }
    }
    return m.length;
  }

  /**
   * The message with the body its framing announces, where the fixture (written for the head
   * parser) has none: a last chunk, or filler up to the Content-Length. Error fixtures and
   * body-stage fixtures (which carry their own body) are returned as they are.
   */
  public byte[] complete() {
    byte[] m = message;
    String framing = one("framing");
    if (!"ok".equals(one("status")) || bodyStage()) {
      return m;
    }
    if (framing == null) {
      Matcher cl = CONTENT_LENGTH.matcher(new String(m, StandardCharsets.ISO_8859_1));
      framing = cl.find() ? "LENGTH " + cl.group(1) : "NONE";
    }
    int body = m.length - headLength();
    String extra = "";
    if (framing.equals("CHUNKED") && body == 0) {
      extra = "0\r\n\r\n";
    } else if (framing.startsWith("LENGTH ")) {
      int n = Integer.parseInt(framing.substring(7).trim());
      extra = "x".repeat(Math.max(0, n - body));
    }
    byte[] out = Arrays.copyOf(m, m.length + extra.length());
    System.arraycopy(extra.getBytes(StandardCharsets.ISO_8859_1), 0, out, m.length,
        extra.length());
    return out;
  }

  /**
   * The statuses of the final (non-1xx) responses in {@code answer}, read one after another by
   * their Content-Length (the server frames every answer it makes to a fixture with one).
   *
   * @throws IllegalArgumentException if the answer holds something other than whole responses
   */
  public static List<String> finalStatuses(String answer) {
    List<String> finals = new ArrayList<>();
    int at = 0;
    while (at < answer.length()) {
      if (!answer.startsWith("HTTP/1.", at)) {
        throw new IllegalArgumentException("not a status line at " + at + ": " + answer);
      }
      int end = answer.indexOf("\r\n\r\n", at);
      if (end < 0) {
        throw new IllegalArgumentException("an unfinished head: " + answer);
      }
      String head = answer.substring(at, end + 2);
      String status = head.substring(9, 12);
      Matcher length = CONTENT_LENGTH.matcher(head);
      int body = status.startsWith("1") || !length.find() ? 0 : Integer.parseInt(length.group(1));
      if (!status.startsWith("1")) {
        finals.add(status);
      }
      at = end + 4 + body;
    }
    return finals;
  }

  /** The fixtures of {@code fixtures/<dir>} on the test class path, by file name. */
  static List<Fixture> load(String dir, boolean request) {
    URL url = Fixture.class.getResource("/fixtures/" + dir);
    if (url == null) {
      throw new IllegalStateException("no fixtures/" + dir + " on the test class path");
    }
    try {
      return readDirectory(Path.of(url.toURI()), dir, request);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The fixtures in {@code directory} (a checkout's {@code
   * http/src/test/resources/fixtures/requests}, say), by file name, each named {@code prefix/file}.
   *
   * @throws UncheckedIOException if the directory cannot be read
   * @throws IllegalArgumentException if a file breaks the format (the message names it)
   */
  public static List<Fixture> readDirectory(Path directory, String prefix, boolean request) {
    try (Stream<Path> files = Files.list(directory)) {
      List<Fixture> list = new ArrayList<>();
      for (Path file : files.sorted().collect(Collectors.toList())) {
        list.add(parse(prefix + "/" + file.getFileName(), request,
            Files.readAllLines(file, StandardCharsets.UTF_8)));
      }
      return list;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
  /**
   * Parses one fixture file's lines.
   *
   * @throws IllegalArgumentException if they break the format (the message names the file)
   */
  public static Fixture parse(String name, boolean request, List<String> lines) {
    Map<String, List<String>> expect = new LinkedHashMap<>();
    int i = 0;
    for (; i < lines.size() && !lines.get(i).equals("---"); i++) {
      String line = lines.get(i);
      int colon = line.indexOf(':');
      if (!line.startsWith("# ") || colon < 0) {
        throw new IllegalArgumentException(name + ": expected '# key: value', got " + line);
      }
      String key = line.substring(2, colon).strip();
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(name + ": unknown key " + key);
      }
      String value = line.substring(colon + 1).strip();
      expect.computeIfAbsent(key, k -> new ArrayList<>())
          .add(key.equals("why") ? value : new String(unescape(name, value),
              StandardCharsets.ISO_8859_1));
    }
    if (i == lines.size() || !expect.containsKey("why") || !expect.containsKey("status")) {
      throw new IllegalArgumentException(name + ": needs '# why:', '# status:' and '---'");
    }
    String stage = expect.containsKey("stage") ? expect.get("stage").get(0) : "head";
    if (!stage.equals("head") && !stage.equals("body") || !request && !stage.equals("head")) {
      throw new IllegalArgumentException(name + ": '# stage:' is head or body (requests only)");
    }
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    for (String line : lines.subList(i + 1, lines.size())) {
      if (line.startsWith("@repeat ")) {
        int sp = line.indexOf(' ', 8);
        int times = Integer.parseInt(line.substring(8, sp));
        byte[] text = unescape(name, line.substring(sp + 1));
        for (int t = 0; t < times; t++) {
          message.writeBytes(text);
        }
      } else {
        message.writeBytes(unescape(name, line));
      }
    }
    return new Fixture(name, request, expect, message.toByteArray());
  }

  /** Decodes {@code \r \n \t \\ \xHH}; every other character must be printable ASCII. */
  public static byte[] unescape(String name, String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        if (c < 0x20 || c > 0x7e) {
          throw new IllegalArgumentException(name + ": write " + (int) c + " as an escape");
        }
        out.write(c);
        continue;
      }
      char e = i + 1 < s.length() ? s.charAt(++i) : '?';
      switch (e) {
        case 'r':
          out.write('\r');
          break;
        case 'n':
          out.write('\n');
          break;
        case 't':
          out.write('\t');
          break;
        case '\\':
          out.write('\\');
          break;
        case 'x':
          out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
          i += 2;
          break;
        default:
          throw new IllegalArgumentException(name + ": unknown escape \\" + e);
      }
    }
    return out.toByteArray();
  }
}
