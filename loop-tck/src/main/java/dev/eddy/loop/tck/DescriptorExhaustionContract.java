package dev.eddy.loop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eddy.loop.spi.PollerProvider;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Running out of descriptors: a loop keeps serving its connections, does not spin on a listener
 * whose pending connections it cannot accept, and recovers when descriptors free up. Subclass it
 * with the backend's provider, as {@link PollerContract} says; the provider class must be public
 * with a public no-argument constructor (as {@link java.util.ServiceLoader} needs anyway).
 *
 * <p>The test JVM's own limit is high, so the scenario ({@link DescriptorExhaustionScenario}, which
 * says what it checks) runs in a child JVM started through {@code sh} with {@code ulimit -n} set
 * low, on the same class path. The child's exit status is the verdict; its log (standard output
 * and error, through a file) is in the failure message and, on success, logged here at INFO.
 * The child gets 60 seconds, then is killed. Skipped, with the reason, where there is no {@code
 * sh} (not on Linux CI). Threading: the test thread waits for the child; nothing else runs here.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class DescriptorExhaustionContract {

  private static final Logger log = LoggerFactory.getLogger(DescriptorExhaustionContract.class);
  private static final long CHILD_SECONDS = 60;

  /** The backend under test. */
  protected abstract PollerProvider provider();

  /** The descriptor limit of the child JVM: enough for the JVM, and quickly used up. */
  protected int descriptorLimit() {
    return 256;
  }

  @Test
  void loopKeepsServingAndRecoversWhenDescriptorsRunOut(@TempDir Path dir) throws Exception {
    PollerProvider provider = provider();
    assumeTrue(provider.isAvailable(), () -> "backend " + provider.name()
        + " is not available here: " + provider.unavailabilityCause());
    assumeTrue(onPath("sh"), "no sh on the PATH to lower the child's descriptor limit with");
    Path output = dir.resolve("scenario.log");
    ProcessBuilder builder = new ProcessBuilder(command(provider))
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .redirectInput(new File("/dev/null"));
    // The backends report errors with strerror's text, which the scenario reads: keep it English.
    builder.environment().put("LC_ALL", "C");
    Process child = builder.start();
    boolean finished = false;
    try {
      finished = child.waitFor(CHILD_SECONDS, TimeUnit.SECONDS);
    } finally {
      if (!finished) {
        child.destroyForcibly();
        child.waitFor(10, TimeUnit.SECONDS);
      }
    }
    String childLog = Files.readString(output);
    assertTrue(finished, () -> "the scenario did not finish within " + CHILD_SECONDS
        + " s and was killed; its output:\n" + childLog);
    assertEquals(0, child.exitValue(), () -> "the scenario failed (exit status "
        + child.exitValue() + "); its output:\n" + childLog);
    log.info("scenario on {} passed; its output:\n{}", provider.name(), childLog);
  }

  private List<String> command(PollerProvider provider) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // sh lowers the limit (soft and hard, so the JVM cannot raise it back), then becomes the JVM.
    List<String> command = new ArrayList<>(List.of("sh", "-c",
        "ulimit -n " + descriptorLimit() + " && exec \"$0\" \"$@\"",
        java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
        "-Dorg.slf4j.simpleLogger.showDateTime=true",
        "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"));
    // The backend's own settings (-Deddy.kqueue.library=..., jna.*) hold in the child too.
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("eddy.") || name.startsWith("jna.")) {
        command.add("-D" + name + "=" + System.getProperty(name));
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        DescriptorExhaustionScenario.class.getName(), provider.getClass().getName()));
    return command;
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
