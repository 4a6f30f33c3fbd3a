/**
 * The Vert.x-level request adapter: tracks pages served by quarkus-rest, Vert.x routes and Undertow
 * through the servlet-free request core ({@code snowplow-jakarta-web}): a route filter at the
 * request's start, the identity cookies from {@code addHeadersEndHandler}, the page view from the
 * end handler, a JAX-RS {@code WriterInterceptor} feeding the title scanner for {@code text/html}
 * entities (Qute templates), and the request's state in its {@code RoutingContext} and Vert.x
 * context, found through the request context so that an injected {@code Tracker} follows it on any
 * thread. Under Undertow the servlet filter joins that state. Not API.
 */
package io.github.snowplowjakarta.quarkus.internal.vertx;
