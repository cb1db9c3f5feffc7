package dev.eddy.examples.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin uses only what Eddy offers a third party: a rule over the compiled main classes, read
 * from their constant pools (no ArchUnit). A third party cannot reach a package-private class, but
 * it could put its own classes into Eddy's packages (a split package, on the class path) or reach
 * in by reflection; this rules out both.
 *
 * <p>What Eddy offers a poller plugin: {@code dev.eddy.loop} (the loop, for tests and selection),
 * {@code dev.eddy.loop.spi} (the SPI) and {@code dev.eddy.loop.posix.jna} (the libc socket layer
 * for backends over raw descriptors, published for them). Never a backend's own packages ({@code
 * nio}, {@code epoll.*}, {@code kqueue}), and of the offered ones only public classes.
 */
class PluginBoundaryTest {

  private static final String OWN = "dev.eddy.examples.poll";
  private static final List<String> OFFERED =
      List.of("dev.eddy.loop", "dev.eddy.loop.spi", "dev.eddy.loop.posix.jna");

  @Test
  void mainClassesUseOnlyWhatEddyOffersPlugins() throws Exception {
    Map<String, Set<String>> refs = mainClassReferences();
    assertTrue(refs.containsKey(OWN + ".PollPoller"), "read the compiled classes: " + refs.keySet());
    List<String> violations = new ArrayList<>();
    refs.forEach((from, names) -> {
      for (String to : names) {
        if (!to.startsWith("dev.eddy.") || packageOf(to).equals(OWN)) {
          continue;
        }
        if (!OFFERED.contains(packageOf(to))) {
          violations.add(from + " -> " + to + ": not a package Eddy offers plugins");
        } else if (!isPublic(to)) {
          violations.add(from + " -> " + to + ": not public API");
        }
      }
    });
    assertEquals(List.of(), violations);
  }

  @Test
  void theRuleReadsRealReferences() throws Exception {
    Set<String> poller = mainClassReferences().get(OWN + ".PollPoller");
    assertTrue(poller.contains("dev.eddy.loop.spi.Poller"), poller.toString());
    assertTrue(poller.contains("dev.eddy.loop.posix.jna.FdHandle"), poller.toString());
    try (InputStream in = PollPollerTest.class.getResourceAsStream("PollPollerTest.class")) {
      Set<String> test = ClassReferences.of(in);
      assertTrue(test.contains("dev.eddy.loop.tck.ResourceLeakCheck"), test.toString());
    }
  }

  @Test
  void noSplitPackageAndNoReflection() throws Exception {
    Map<String, Set<String>> refs = mainClassReferences();
    for (String c : refs.keySet()) {
      assertEquals(OWN, packageOf(c), c + " lives in the plugin's own package, not Eddy's");
    }
    for (Map.Entry<String, Set<String>> e : refs.entrySet()) {
      assertFalse(e.getValue().contains("java.lang.reflect.AccessibleObject")
          || e.getValue().contains("java.lang.reflect.Field"),
          e.getKey() + " uses reflection: " + e.getValue());
    }
  }

  @Test
  void onlyTheProviderIsPublic() throws Exception {
    List<String> publicClasses = mainClassReferences().keySet().stream()
        .filter(c -> !c.endsWith("package-info"))
        .filter(PluginBoundaryTest::isPublic)
        .collect(Collectors.toList());
    assertEquals(List.of(OWN + ".PollProvider"), publicClasses,
        "package-private by default: ServiceLoader needs only the provider");
  }

  /** Every main class of the plugin and the classes it refers to, by binary name. */
  private static Map<String, Set<String>> mainClassReferences()
      throws IOException, URISyntaxException {
    Path classes = Path.of(PollProvider.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    Map<String, Set<String>> refs = new TreeMap<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class"))
          .collect(Collectors.toList())) {
        String name = classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(),
            ".").replaceAll("\\.class$", "");
        try (InputStream in = Files.newInputStream(f)) {
          refs.put(name, ClassReferences.of(in));
        }
      }
    }
    return refs;
  }

  private static String packageOf(String binaryName) {
    int dot = binaryName.lastIndexOf('.');
    return dot < 0 ? "" : binaryName.substring(0, dot);
  }

  /** Public, and so are the classes it is nested in. */
  private static boolean isPublic(String binaryName) {
    try {
      for (Class<?> c = Class.forName(binaryName, false, PluginBoundaryTest.class.getClassLoader());
          c != null; c = c.getDeclaringClass()) {
        if (!Modifier.isPublic(c.getModifiers())) {
          return false;
        }
      }
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
