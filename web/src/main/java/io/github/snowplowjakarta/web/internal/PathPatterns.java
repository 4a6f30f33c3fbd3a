package io.github.snowplowjakarta.web.internal;

import io.github.snowplowjakarta.core.config.ConfigurationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Path globs: {@code *} within one segment, {@code **} across segments; {@code *.css} alone matches
 * that extension anywhere. Not API.
 */
public final class PathPatterns {
  private final Set<String> extensions = new HashSet<>();
  private final Set<String> exact = new HashSet<>();
  private final List<String> trees = new ArrayList<>();
  private final List<Pattern> globs = new ArrayList<>();

  /**
   * Sorts the globs by kind so that matching a path costs a hash lookup or two and a few prefix
   * checks: the filter asks for every request.
   */
  public PathPatterns(List<String> globs, String key) {
    for (String glob : globs) {
      if (glob.startsWith("*.") && glob.indexOf('*', 1) < 0 && glob.indexOf('/') < 0) {
        extensions.add(glob.substring(1));
      } else if (!glob.startsWith("/")) {
        throw new ConfigurationException(
            key, "expected paths starting with / or extensions like *.css, was '" + glob + "'");
      } else if (glob.indexOf('*') < 0) {
        exact.add(glob);
      } else if (glob.endsWith("/**") && glob.indexOf('*') == glob.length() - 2) {
        trees.add(glob.substring(0, glob.length() - 3));
      } else {
        this.globs.add(Pattern.compile(toRegex(glob)));
      }
    }
  }

  public boolean isEmpty() {
    return extensions.isEmpty() && exact.isEmpty() && trees.isEmpty() && globs.isEmpty();
  }

  public boolean matches(String path) {
    int dot = path.lastIndexOf('.');
    if (dot > path.lastIndexOf('/') && extensions.contains(path.substring(dot))) {
      return true;
    }
    if (exact.contains(path)) {
      return true;
    }
    for (String tree : trees) {
      if (path.startsWith(tree)
          && (path.length() == tree.length() || path.charAt(tree.length()) == '/')) {
        return true;
      }
    }
    for (Pattern glob : globs) {
      if (glob.matcher(path).matches()) {
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
