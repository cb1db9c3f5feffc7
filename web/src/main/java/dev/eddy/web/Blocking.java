package dev.eddy.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a handler method ({@code get}, {@code post}, ...) off the loop, on the loop's executor
 * ({@code IOLoop.runInExecutor}: virtual threads on JDK 21+, else a bounded pool), for code that
 * blocks (a JDBC call, a file read). What the method {@code write}s is buffered and sent on the
 * loop once it returns; it must not call {@code flush()} or {@code finish()}, nor touch other
 * loop-owned objects. An exception it throws is handled as for any method.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Blocking {}
