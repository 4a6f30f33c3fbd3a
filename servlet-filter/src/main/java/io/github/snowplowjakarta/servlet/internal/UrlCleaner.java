package io.github.snowplowjakarta.servlet.internal;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Removes query parameters that may carry secrets ({@code token}, {@code password}, …) and path
 * parameters such as {@code ;jsessionid=} from URLs before they are tracked. Not API.
 */
public final class UrlCleaner {
  private final Set<String> denylist;

  public UrlCleaner(Iterable<String> denylist) {
    Set<String> names = new java.util.HashSet<>();
    denylist.forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
    this.denylist = Set.copyOf(names);
  }

  /** The URL without denied query parameters, path parameters or fragment; null stays null. */
  public String clean(String url) {
    if (url == null) {
      return null;
    }
    int fragment = url.indexOf('#');
    String base = fragment < 0 ? url : url.substring(0, fragment);
    int query = base.indexOf('?');
    String path = query < 0 ? base : base.substring(0, query);
    int pathParameters = path.indexOf(';');
    if (pathParameters >= 0) {
      path = path.substring(0, pathParameters);
    }
    if (query < 0) {
      return path;
    }
    String kept =
        java.util.Arrays.stream(base.substring(query + 1).split("&"))
            .filter(pair -> !pair.isEmpty() && !denied(pair))
            .collect(Collectors.joining("&"));
    return kept.isEmpty() ? path : path + "?" + kept;
  }

  private boolean denied(String pair) {
    int equals = pair.indexOf('=');
    String name = Cookies.decode(equals < 0 ? pair : pair.substring(0, equals));
    return denylist.contains(name.toLowerCase(Locale.ROOT));
  }
}
