package io.github.snowplowjakarta.quarkus.internal.vertx;

import io.github.snowplowjakarta.web.WebRequest;
import io.github.snowplowjakarta.web.internal.PageViewTracking;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * A request Quarkus serves, as Vert.x has it: with Quarkus's proxy settings on, its scheme, host
 * and remote address are already those the forwarding headers give.
 */
final class VertxWebRequest implements WebRequest {
  private final RoutingContext context;
  private final HttpServerRequest request;
  private final String contextPath;

  /**
   * @param contextPath {@code quarkus.http.root-path} without its trailing slash, {@code ""} at /
   */
  VertxWebRequest(RoutingContext context, String contextPath) {
    this.context = context;
    this.request = context.request();
    this.contextPath = contextPath;
  }

  @Override
  public String method() {
    return request.method().name();
  }

  @Override
  public String header(String name) {
    return request.getHeader(name);
  }

  @Override
  public List<String> headers(String name) {
    return request.headers().getAll(name);
  }

  @Override
  public String url() {
    return request.absoluteURI();
  }

  @Override
  public String path() {
    return PageViewTracking.pathWithinApplication(request.path(), contextPath);
  }

  @Override
  public String contextPath() {
    return contextPath;
  }

  @Override
  public String serverName() {
    HostAndPort authority = request.authority();
    return authority == null ? null : authority.host();
  }

  @Override
  public boolean secure() {
    return "https".equals(request.scheme());
  }

  @Override
  public String remoteAddress() {
    SocketAddress address = request.remoteAddress();
    return address == null ? null : address.hostAddress();
  }

  @Override
  public String userName() {
    if (context.user() instanceof QuarkusHttpUser user) {
      var identity = user.getSecurityIdentity();
      return identity == null || identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }
    return null;
  }

  @Override
  public <T> Optional<T> unwrap(Class<T> type) {
    return type.isInstance(context) ? Optional.of(type.cast(context)) : Optional.empty();
  }
}
