package dev.eddy.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires a {@linkplain RequestHandler#currentUser() current user}: Tornado's
 * {@code @authenticated}. On a handler class it guards every method; on a method ({@code get},
 * {@code post}, ...) that one. Without a user, GET and HEAD are redirected to the {@code
 * loginUrl} setting with {@code next} set to the requested URI (the full URL when the login URL
 * is absolute); other methods get 403. Checked after {@code prepare}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Authenticated {}
