/**
 * Servlet filter that tracks page views and decides each request's anonymisation from its consent
 * signals. Not built yet: see issue 4.
 */
package io.github.snowplowjakarta.servlet;
