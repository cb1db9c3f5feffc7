package dev.eddy.loop.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One line naming the listener, the failure and the count; then at most one a second. */
class SheddingLogTest {

  private final WarnRecorder recorder = new WarnRecorder();
  private final SheddingLog shedding = new SheddingLog(recorder.logger);

  @Test
  void theFirstSheddingIsLoggedWithTheFailureAndTheCount() {
    shedding.dropped();
    shedding.report("listener", "accept4(..)", "Too many open files (EMFILE)");
    assertEquals(List.of(List.of(
        "{}: {} failed: {}; dropped {} connection(s) so far to keep serving", "listener",
        "accept4(..)", "Too many open files (EMFILE)", 1L)), recorder.warnings);
  }

  @Test
  void aFloodMakesOneLineASecondNotOnePerConnection() {
    for (int i = 0; i < 100; i++) {
      shedding.dropped();
      shedding.report("listener", "accept", "Too many open files");
    }
    assertEquals(1, recorder.warnings.size());
  }
}
