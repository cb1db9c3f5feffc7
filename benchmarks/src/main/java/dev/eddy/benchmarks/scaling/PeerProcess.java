package dev.eddy.benchmarks.scaling;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The measuring process's side of the {@link IdlePeers} child JVM: starts it on this process's
 * class path, sends it commands and waits for the answers, each with a deadline, so that a stuck
 * or dead child fails the run instead of hanging it.
 *
 * <p>The child exits when its standard input ends, so it also goes away when this process exits
 * or is killed; {@link #close()} (and a shutdown hook, for Ctrl-C) ends it explicitly. Used by
 * one thread.
 */
final class PeerProcess implements AutoCloseable {

  private static final long ANSWER_SECONDS = 120;
  private static final String EOF = "\u0000eof";

  private final Process process;
  private final Writer commands;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final Thread hook;

  private PeerProcess(Process process) {
    this.process = process;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
    Thread reader = new Thread(this::readAnswers, "idle-peers-reader");
    reader.setDaemon(true);
    reader.start();
    hook = new Thread(process::destroyForcibly, "idle-peers-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Starts the child JVM (small heap, no C2: it only connects sockets) and waits until it is up.
   *
   * @throws IOException if it cannot be started or does not report that it is ready
   */
  static PeerProcess start() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx64m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        IdlePeers.class.getName()));
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    PeerProcess peers = new PeerProcess(builder.start());
    try {
      peers.expect("ready");
    } catch (IOException | RuntimeException e) {
      peers.close();
      throw e;
    }
    return peers;
  }

  /**
   * Asks the child for {@code count} more connections to {@code to}; they must be accepted while
   * it connects, then {@link #awaitConnected} collects the answer.
   */
  void requestConnections(InetSocketAddress to, int count) throws IOException {
    send("connect " + to.getAddress().getHostAddress() + " " + to.getPort() + " " + count);
  }

  /** Waits for the answer to {@link #requestConnections}: the child now holds {@code total}. */
  void awaitConnected(int total) throws IOException {
    expect("connected " + total);
  }

  /** Resets and closes every connection the child holds, and waits until it has. */
  void resetAll() throws IOException {
    send("reset");
    expect("reset");
  }

  /** True while the child runs. */
  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Tells the child to exit and waits a few seconds for it, then kills it if it is still there.
   * Idempotent.
   */
  @Override
  public void close() {
    try {
      send("exit");
      commands.close();
    } catch (IOException alreadyGone) {
      // the child has exited already: its end of the pipe is closed
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      removeHook();
    }
  }

  private void removeHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting: the hook runs anyway and kills a process that has already exited
    }
  }

  private void send(String command) throws IOException {
    commands.write(command + "\n");
    commands.flush();
  }

  private void expect(String wanted) throws IOException {
    String got;
    try {
      got = answers.poll(ANSWER_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the idle-peers child", e);
    }
    if (got == null) {
      throw new IOException("the idle-peers child did not answer '" + wanted + "' within "
          + ANSWER_SECONDS + " s");
    }
    if (!got.equals(wanted)) {
      throw new IOException("the idle-peers child answered '"
          + (got.equals(EOF) ? "(it exited, code " + exitCode() + ")" : got) + "', expected '"
          + wanted + "'");
    }
  }

  private String exitCode() {
    try {
      return process.waitFor(1, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  private void readAnswers() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        answers.add(line);
      }
    } catch (IOException e) {
      answers.add("error reading the child's output: " + e);
    }
    answers.add(EOF);
  }
}
