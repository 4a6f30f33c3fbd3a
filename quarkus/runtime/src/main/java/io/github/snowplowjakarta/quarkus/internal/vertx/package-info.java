/**
 * The place for the Vert.x-level request adapter (not written yet): it will track pages served by
 * quarkus-rest, Vert.x routes and Undertow through the servlet-free request core ({@code
 * snowplow-jakarta-web}): a route filter at the request's start, the identity cookies from {@code
 * addHeadersEndHandler}, a JAX-RS {@code WriterInterceptor} feeding the title scanner for {@code
 * text/html} entities (Qute templates), the page view at the end, and the request's state in the
 * {@code RoutingContext} so that an injected {@code Tracker} follows it. Until then servlet pages
 * under quarkus-undertow are tracked by the servlet filter. Not API.
 */
package io.github.snowplowjakarta.quarkus.internal.vertx;
