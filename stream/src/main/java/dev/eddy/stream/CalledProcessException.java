package dev.eddy.stream;

import java.util.List;

/**
 * A process exited with a code other than 0 where success was required ({@link
 * Subprocess#waitForExit(boolean) waitForExit(true)}): Python's {@code CalledProcessError}. The
 * message names the command and the code: {@code Command 'sh -c "exit 3"' exited with code 3}.
 */
public class CalledProcessException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<String> command;
  private final int exitCode;

  /** @param command the program and its arguments */
  public CalledProcessException(List<String> command, int exitCode) {
    super("Command '" + display(command) + "' exited with code " + exitCode);
    this.command = List.copyOf(command);
    this.exitCode = exitCode;
  }

  /** The program and its arguments. */
  public List<String> command() {
    return command;
  }

  /** The exit code (128 + n for a death by signal n, see {@link Subprocess#exitFuture()}). */
  public int exitCode() {
    return exitCode;
  }

  /** The command as one line: arguments with blanks or quotes in double quotes. */
  static String display(List<String> command) {
    StringBuilder b = new StringBuilder();
    for (String arg : command) {
      if (b.length() > 0) {
        b.append(' ');
      }
      if (!arg.isEmpty() && arg.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"'
          || c == '\'' || c == '\\')) {
        b.append(arg);
      } else {
        b.append('"').append(arg.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      }
    }
    return b.toString();
  }
}
