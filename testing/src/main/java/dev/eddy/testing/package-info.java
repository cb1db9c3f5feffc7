/**
 * JUnit 5 support for tests of code that runs on an Eddy loop, in the spirit of Tornado's {@code
 * tornado.testing}: {@link dev.eddy.testing.EddyLoopExtension} (a fresh loop per test, async
 * steps with a timeout, failing callbacks and leaked handles reported) and {@link
 * dev.eddy.testing.ExpectLog} with the SLF4J provider it needs ({@link
 * dev.eddy.testing.RecordingLoggerProvider}). For a test web server see {@code
 * dev.eddy.testing.web} in eddy-testing-web.
 */
package dev.eddy.testing;
