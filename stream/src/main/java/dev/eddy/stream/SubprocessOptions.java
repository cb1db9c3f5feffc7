package dev.eddy.stream;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link Subprocess} is started: its working directory, its environment, where its stdin,
 * stdout and stderr go ({@link Stdio}; each inherits the parent's by default), how long it may run
 * before it is killed, and the buffer limits of its {@link Stdio#STREAM streams}.
 *
 * <p>Immutable and thread-safe: each {@code with} method returns a changed copy. Start from {@link
 * #DEFAULTS}: the parent's directory and environment, stdio inherited, no timeout, the default
 * {@link StreamOptions}.
 */
public final class SubprocessOptions {

  /** The parent's directory and environment, stdio inherited, no timeout. */
  public static final SubprocessOptions DEFAULTS = new SubprocessOptions(null,
      Collections.emptyMap(), true, Stdio.INHERIT, Stdio.INHERIT, Stdio.INHERIT, null,
      StreamOptions.DEFAULTS);

  private final Path directory;
  private final Map<String, String> environment;
  private final boolean inheritEnvironment;
  private final Stdio stdin;
  private final Stdio stdout;
  private final Stdio stderr;
  private final Duration timeout;
  private final StreamOptions streamOptions;

  private SubprocessOptions(Path directory, Map<String, String> environment,
      boolean inheritEnvironment, Stdio stdin, Stdio stdout, Stdio stderr, Duration timeout,
      StreamOptions streamOptions) {
    this.directory = directory;
    this.environment = environment;
    this.inheritEnvironment = inheritEnvironment;
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
    this.timeout = timeout;
    this.streamOptions = streamOptions;
  }

  /** Runs the program in {@code directory}; null for the parent's working directory. */
  public SubprocessOptions withDirectory(Path directory) {
    return new SubprocessOptions(directory, environment, inheritEnvironment, stdin, stdout,
        stderr, timeout, streamOptions);
  }

  /**
   * Sets one variable of the child's environment, over the inherited (or replaced) one; a null
   * {@code value} removes the variable.
   */
  public SubprocessOptions withEnv(String name, String value) {
    Objects.requireNonNull(name, "name");
    Map<String, String> env = new LinkedHashMap<>(environment);
    env.put(name, value);
    return new SubprocessOptions(directory, Collections.unmodifiableMap(env), inheritEnvironment,
        stdin, stdout, stderr, timeout, streamOptions);
  }

  /**
   * Replaces the child's environment by exactly {@code environment}: nothing is inherited.
   * Variables set later with {@link #withEnv} are added to it.
   */
  public SubprocessOptions withEnvironment(Map<String, String> environment) {
    Map<String, String> env = new LinkedHashMap<>();
    environment.forEach((k, v) -> env.put(Objects.requireNonNull(k, "name"),
        Objects.requireNonNull(v, () -> "the value of " + k)));
    return new SubprocessOptions(directory, Collections.unmodifiableMap(env), false, stdin,
        stdout, stderr, timeout, streamOptions);
  }

  /**
   * Where stdin comes from.
   *
   * @throws IllegalArgumentException for {@link Stdio#TO_STDOUT} or {@link Stdio#append}
   */
  public SubprocessOptions withStdin(Stdio stdin) {
    return new SubprocessOptions(directory, environment, inheritEnvironment,
        Objects.requireNonNull(stdin, "stdin").checkFor("stdin"), stdout, stderr, timeout,
        streamOptions);
  }

  /**
   * Where stdout goes.
   *
   * @throws IllegalArgumentException for {@link Stdio#TO_STDOUT}
   */
  public SubprocessOptions withStdout(Stdio stdout) {
    return new SubprocessOptions(directory, environment, inheritEnvironment, stdin,
        Objects.requireNonNull(stdout, "stdout").checkFor("stdout"), stderr, timeout,
        streamOptions);
  }

  /** Where stderr goes. */
  public SubprocessOptions withStderr(Stdio stderr) {
    return new SubprocessOptions(directory, environment, inheritEnvironment, stdin, stdout,
        Objects.requireNonNull(stderr, "stderr").checkFor("stderr"), timeout, streamOptions);
  }

  /** Makes each of stdin, stdout and stderr a {@link Stdio#STREAM} if asked, else inherited. */
  public SubprocessOptions withStreams(boolean stdin, boolean stdout, boolean stderr) {
    return withStdin(stdin ? Stdio.STREAM : Stdio.INHERIT)
        .withStdout(stdout ? Stdio.STREAM : Stdio.INHERIT)
        .withStderr(stderr ? Stdio.STREAM : Stdio.INHERIT);
  }

  /**
   * Kills the process (and its descendants) if it is still running {@code timeout} after it
   * started; its exit future then fails with a {@link java.util.concurrent.TimeoutException}.
   * Null for no limit.
   *
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   */
  public SubprocessOptions withTimeout(Duration timeout) {
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    return new SubprocessOptions(directory, environment, inheritEnvironment, stdin, stdout,
        stderr, timeout, streamOptions);
  }

  /** The buffer limits of the stdio streams. */
  public SubprocessOptions withStreamOptions(StreamOptions streamOptions) {
    return new SubprocessOptions(directory, environment, inheritEnvironment, stdin, stdout,
        stderr, timeout, Objects.requireNonNull(streamOptions, "streamOptions"));
  }

  /** The working directory, or null for the parent's. */
  public Path directory() {
    return directory;
  }

  /** The variables set (a null value: removed), over the inherited environment if it is. */
  public Map<String, String> environment() {
    return environment;
  }

  /** False once {@link #withEnvironment} replaced the environment. */
  public boolean inheritsEnvironment() {
    return inheritEnvironment;
  }

  /** Where stdin comes from. */
  public Stdio stdin() {
    return stdin;
  }

  /** Where stdout goes. */
  public Stdio stdout() {
    return stdout;
  }

  /** Where stderr goes. */
  public Stdio stderr() {
    return stderr;
  }

  /** The time after which the process is killed, or null. */
  public Duration timeout() {
    return timeout;
  }

  /** The buffer limits of the stdio streams. */
  public StreamOptions streamOptions() {
    return streamOptions;
  }

  @Override
  public String toString() {
    return "SubprocessOptions[directory=" + directory + ", environment=" + environment
        + (inheritEnvironment ? " (over the inherited one)" : " (only)") + ", stdin=" + stdin
        + ", stdout=" + stdout + ", stderr=" + stderr + ", timeout=" + timeout + ", "
        + streamOptions + "]";
  }
}
