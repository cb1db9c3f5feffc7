/**
 * A Tornado-style web framework on Eddy's HTTP server (issue 8, in progress): {@link
 * dev.eddy.web.Application} (routes with regex groups, host routing, {@code reverseUrl}, a lambda
 * style), {@link dev.eddy.web.RequestHandler} with Tornado's lifecycle (initialize, 405 with
 * {@code Allow}, prepare, the method, auto-finish, onFinish; stages and {@link
 * dev.eddy.web.HttpError}s), JSON output, ETag and 304, and an access log line per request
 * (logger {@code dev.eddy.web.access}: INFO below 400, WARN below 500, else ERROR).
 *
 * <p>Threading: a handler lives on its request's loop thread.
 */
package dev.eddy.web;
