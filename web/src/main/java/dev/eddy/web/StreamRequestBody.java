package dev.eddy.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler class that takes its request body as it streams in: Tornado's {@code
 * @stream_request_body}. {@code prepare()} runs when the head has arrived and completes before the
 * first piece; each piece goes to {@link RequestHandler#dataReceived}, whose returned stage holds
 * further reading (back-pressure); then the method runs (the request's body is empty). The XSRF
 * check sees only the header token.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StreamRequestBody {}
