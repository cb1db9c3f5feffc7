package dev.eddy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No README sample rots: every {@code ```java} block of the README (and of the examples' README)
 * is preceded by {@code <!-- sample: path#name -->} and is, line for line, the region between
 * {@code // readme:begin name} and {@code // readme:end name} of that source file — which Maven
 * compiles, and which {@link ReadmeGuidesTest} runs (or, for a test source, surefire runs).
 */
class ReadmeSamplesTest {

  private static final Pattern MARKER = Pattern.compile("<!-- sample: (\\S+)#(\\S+) -->");
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  record Sample(String readme, int line, String path, String region, String text) {}

  static List<Sample> samples(Path readme) throws IOException {
    List<String> lines = Files.readAllLines(readme);
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).equals("```java")) {
        continue;
      }
      int before = i - 1;
      while (before >= 0 && lines.get(before).isBlank()) {
        before--;
      }
      Matcher m = MARKER.matcher(before >= 0 ? lines.get(before) : "");
      if (!m.matches()) {
        throw new AssertionError(readme + ":" + (i + 1) + ": a java block without a"
            + " <!-- sample: path#name --> line before it");
      }
      int end = i + 1;
      while (!lines.get(end).equals("```")) {
        end++;
      }
      out.add(new Sample(readme.toString(), i + 1, m.group(1), m.group(2),
          String.join("\n", lines.subList(i + 1, end))));
      i = end;
    }
    return out;
  }

  /** The lines between the region's markers, without their common indentation. */
  static String region(Path source, String name) throws IOException {
    List<String> lines = Files.readAllLines(source);
    int begin = lines.indexOf(lines.stream()
        .filter(l -> l.trim().equals("// readme:begin " + name)).findFirst()
        .orElseThrow(() -> new AssertionError(source + " has no region " + name)));
    int end = begin + 1;
    while (!lines.get(end).trim().equals("// readme:end " + name)) {
      end++;
    }
    List<String> body = lines.subList(begin + 1, end);
    int indent = body.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    List<String> out = new ArrayList<>();
    for (String l : body) {
      out.add(l.isBlank() ? "" : l.substring(indent));
    }
    return String.join("\n", out);
  }

  @Test
  void everyJavaSampleIsCompiledAndRunCode() throws IOException {
    List<Sample> all = new ArrayList<>(samples(ROOT.resolve("README.md")));
    all.addAll(samples(ROOT.resolve("examples/README.md")));
    assertTrue(all.size() >= 8, "the README's guides quote at least 8 samples: " + all.size());
    for (Sample s : all) {
      Path source = ROOT.resolve(s.path());
      assertTrue(Files.isRegularFile(source), s.readme() + ":" + s.line() + ": no " + source);
      assertEquals(region(source, s.region()), s.text(),
          s.readme() + ":" + s.line() + " differs from " + s.path() + "#" + s.region());
      String file = source.getFileName().toString().replace(".java", "");
      boolean testSource = s.path().contains("/src/test/") && file.endsWith("Test");
      assertTrue(testSource || ReadmeGuidesTest.EXECUTED.contains(file),
          s.path() + " is quoted by the README but no test runs it");
    }
  }

  @Test
  void aSampleThatDriftedIsCaught(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path source = dir.resolve("X.java");
    Files.writeString(source, "class X {\n  // readme:begin a\n  int x = 1;\n  // readme:end a\n}\n");
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, "<!-- sample: X.java#a -->\n```java\nint x = 2;\n```\n");
    Sample s = samples(readme).get(0);
    assertEquals("int x = 1;", region(source, "a"));
    assertFalse(region(source, "a").equals(s.text()));
  }
}
