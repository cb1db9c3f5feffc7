package dev.eddy.loop.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket file of a closing Unix-domain listener: removed, or the failure logged. */
class ServerSocketHandleTest {

  private final WarnRecorder recorder = new WarnRecorder();

  @Test
  void theFileIsRemovedAndAFileAlreadyGoneIsNoError(@TempDir Path dir) throws IOException {
    Path file = Files.createFile(dir.resolve("listener.sock"));
    UnixDomainSocketAddress address = UnixDomainSocketAddress.of(file);
    ServerSocketHandle.removeSocketFile(address, null, recorder.logger);
    assertFalse(Files.exists(file));
    ServerSocketHandle.removeSocketFile(address, null, recorder.logger);
    ServerSocketHandle.removeSocketFile(null, null, recorder.logger);
    assertTrue(recorder.warnings.isEmpty());
  }

  @Test
  void aFailureIsLoggedNotThrown(@TempDir Path dir) throws IOException {
    Path notEmpty = Files.createDirectory(dir.resolve("listener.sock"));
    Files.createFile(notEmpty.resolve("inside"));
    ServerSocketHandle.removeSocketFile(UnixDomainSocketAddress.of(notEmpty), null,
        recorder.logger);
    assertTrue(Files.exists(notEmpty));
    assertEquals(1, recorder.warnings.size());
    assertEquals("cannot remove the socket file of {}", recorder.warnings.get(0).get(0));
  }
}
