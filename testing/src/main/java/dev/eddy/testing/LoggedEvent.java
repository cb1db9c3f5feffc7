package dev.eddy.testing;

import org.slf4j.event.Level;

/**
 * One record logged through SLF4J while eddy-testing's provider is active: what {@link
 * ExpectLog#matched()} returns.
 *
 * @param loggerName the logger's name (usually a class name)
 * @param level the level it was logged at
 * @param message the message with its arguments filled in
 * @param throwable the exception logged with it, or null
 * @param threadName the name of the thread that logged it
 */
public record LoggedEvent(String loggerName, Level level, String message, Throwable throwable,
    String threadName) {}
