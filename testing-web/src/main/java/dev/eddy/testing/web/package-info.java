/**
 * Base classes for tests of Eddy web applications over real HTTP(S), Tornado's {@code
 * AsyncHTTPTestCase} and {@code AsyncHTTPSTestCase}: {@link dev.eddy.testing.web.EddyHttpTest}
 * and {@link dev.eddy.testing.web.EddyHttpsTest}, on eddy-testing's loop extension.
 */
package dev.eddy.testing.web;
