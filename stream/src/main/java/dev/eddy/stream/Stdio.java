package dev.eddy.stream;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where one of a {@link Subprocess}'s standard streams goes: a {@link #STREAM} (a {@link
 * PipeIOStream} the parent reads or writes on its loop, Tornado's {@code Subprocess.STREAM}), the
 * parent's own stream ({@link #INHERIT}, the default), nowhere ({@link #DISCARD}), a file, or —
 * for stderr only — wherever stdout goes ({@link #TO_STDOUT}).
 *
 * <p>Immutable and thread-safe.
 */
public final class Stdio {

  enum Kind { STREAM, INHERIT, DISCARD, TO_STDOUT, FILE, APPEND }

  /** A pipe to the parent, read or written through a {@link PipeIOStream}. */
  public static final Stdio STREAM = new Stdio(Kind.STREAM, null);
  /** The parent's own stdin, stdout or stderr. */
  public static final Stdio INHERIT = new Stdio(Kind.INHERIT, null);
  /** Nothing: stdin reads the end of file at once, output is thrown away. */
  public static final Stdio DISCARD = new Stdio(Kind.DISCARD, null);
  /** For stderr only: into the same place as stdout (the shell's {@code 2>&1}). */
  public static final Stdio TO_STDOUT = new Stdio(Kind.TO_STDOUT, null);

  private final Kind kind;
  private final Path file;

  private Stdio(Kind kind, Path file) {
    this.kind = kind;
    this.file = file;
  }

  /** For stdin, the file is read; for stdout or stderr, it is created or truncated and written. */
  public static Stdio file(Path file) {
    return new Stdio(Kind.FILE, Objects.requireNonNull(file, "file"));
  }

  /** For stdout or stderr only: the output is appended to the file, which is created if needed. */
  public static Stdio append(Path file) {
    return new Stdio(Kind.APPEND, Objects.requireNonNull(file, "file"));
  }

  Kind kind() {
    return kind;
  }

  boolean isStream() {
    return kind == Kind.STREAM;
  }

  /**
   * This as a redirect of stdin ({@code input}) or of an output.
   *
   * @throws IllegalArgumentException if it does not apply there
   */
  Redirect redirect(String which, boolean input) {
    switch (kind) {
      case STREAM:
        return Redirect.PIPE;
      case INHERIT:
        return Redirect.INHERIT;
      case DISCARD:
        return input ? Redirect.from(nullDevice()) : Redirect.DISCARD;
      case FILE:
        return input ? Redirect.from(file.toFile()) : Redirect.to(file.toFile());
      case APPEND:
        if (input) {
          throw new IllegalArgumentException(which + " cannot be appended to a file: " + this);
        }
        return Redirect.appendTo(file.toFile());
      default:
        throw new IllegalArgumentException(which + " cannot go to stdout: only stderr can");
    }
  }

  /** Checks that this applies to {@code which} ("stdin", "stdout" or "stderr"). */
  Stdio checkFor(String which) {
    if (kind == Kind.TO_STDOUT && !which.equals("stderr")) {
      throw new IllegalArgumentException(which + " cannot go to stdout: only stderr can");
    }
    if (kind == Kind.APPEND && which.equals("stdin")) {
      throw new IllegalArgumentException("stdin cannot be appended to a file: " + this);
    }
    return this;
  }

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL"
        : "/dev/null");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Stdio && ((Stdio) o).kind == kind && Objects.equals(((Stdio) o).file, file);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Objects.hashCode(file);
  }

  @Override
  public String toString() {
    return file == null ? kind.toString() : kind + " " + file;
  }
}
