package io.github.snowplowjakarta.servlet.internal;

import io.github.snowplowjakarta.core.config.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Path globs: {@code *} within one segment, {@code **} across segments; {@code *.css} alone matches
 * that extension anywhere. Not API.
 */
public final class PathPatterns {
  public static final List<String> DEFAULT_EXCLUDES =
      List.of(
          "*.css",
          "*.js",
          "*.mjs",
          "*.map",
          "*.png",
          "*.jpg",
          "*.jpeg",
          "*.gif",
          "*.svg",
          "*.ico",
          "*.webp",
          "*.avif",
          "*.woff",
          "*.woff2",
          "*.ttf",
          "*.eot",
          "*.txt",
          "*.xml",
          "*.json",
          "/health",
          "/health/**",
          "/healthz",
          "/ready",
          "/live",
          "/metrics",
          "/metrics/**",
          "/actuator/**",
          "/q/health/**",
          "/q/metrics/**");

  private final List<Pattern> patterns;

  public PathPatterns(List<String> globs, String key) {
    List<Pattern> compiled = new ArrayList<>();
    for (String glob : globs) {
      if (!glob.startsWith("/") && !glob.startsWith("*.")) {
        throw new ConfigurationException(
            key, "expected paths starting with / or extensions like *.css, was '" + glob + "'");
      }
      compiled.add(Pattern.compile(toRegex(glob)));
    }
    this.patterns = List.copyOf(compiled);
  }

  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  public boolean matches(String path) {
    for (Pattern pattern : patterns) {
      if (pattern.matcher(path).matches()) {
        return true;
      }
    }
    return false;
  }

  private static String toRegex(String glob) {
    if (glob.startsWith("*.")) {
      return ".*" + Pattern.quote(glob.substring(1));
    }
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      if (glob.startsWith("/**", i)) {
        regex.append("(/.*)?");
        i += 3;
      } else if (glob.charAt(i) == '*') {
        regex.append("[^/]*");
        i++;
      } else {
        int next = i;
        while (next < glob.length() && glob.charAt(next) != '*' && !glob.startsWith("/**", next)) {
          next++;
        }
        regex.append(Pattern.quote(glob.substring(i, next)));
        i = next;
      }
    }
    return regex.toString();
  }
}
