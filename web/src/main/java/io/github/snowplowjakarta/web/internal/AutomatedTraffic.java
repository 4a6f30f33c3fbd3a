package io.github.snowplowjakarta.web.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Recognises requests no person asked for: crawlers, uptime monitors, link-preview fetchers and
 * headless automation by their user agent, and speculative loads by their purpose headers. Not API.
 *
 * <p>The user agents are the patterns of <a
 * href="https://github.com/monperrus/crawler-user-agents">crawler-user-agents</a> (MIT), shipped
 * beside this class and refreshed by {@code web/scripts/refresh-crawler-user-agents.sh}. Trying 1
 * 500 regular expressions on every request would cost more than the rest of the filter's work, so
 * each pattern is indexed by a literal that any text it matches must contain (its longest run of
 * plain characters, compared without case). A user agent is scanned once, looking each position's
 * three characters up in a table; only a pattern whose literal is found there is run. The few
 * patterns without such a literal form one combined expression, run on every user agent.
 *
 * <p>Even so the scan cost a tracked page view more than anything else the filter does (its tables
 * are cold by the next request), while a site sees the same few user agents again and again: the
 * verdicts on recent ones are remembered, one per slot of a small table indexed by the user agent's
 * hash, so that a repeated one costs a hash and a comparison.
 */
public final class AutomatedTraffic {
  private static final String LIST = "crawler-user-agents.txt";
  private static final int MIN_LITERAL = 3;
  private static final int TABLE_BITS = 14;
  private static final int REMEMBERED = 256;
  private static final int MAX_REMEMBERED_LENGTH = 512;
  private static final char[] ASCII_LOWER = new char[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII_LOWER[c] = Character.toLowerCase(Character.toUpperCase(c));
    }
  }

  private static final AutomatedTraffic LISTED = new AutomatedTraffic(listedPatterns());

  /**
   * Per bucket of the three-character table: the literals starting there, their first three
   * characters (lower case, packed) and their patterns.
   */
  private final String[][] literals = new String[1 << TABLE_BITS][];

  private final long[][] keys = new long[1 << TABLE_BITS][];

  /**
   * One bit per slot of a table twice as fine, set where a literal starts: 4 KiB, so that the
   * positions no literal starts at (nearly all of a browser's user agent) cost a bit test.
   */
  private final long[] starts = new long[1 << (TABLE_BITS + 1 - 6)];

  private final Pattern[][] patterns = new Pattern[1 << TABLE_BITS][];
  private final Pattern unindexed;

  /** The last verdict in each slot; written and read without a lock, its fields final. */
  private final Verdict[] remembered = new Verdict[REMEMBERED];

  AutomatedTraffic(List<String> sources) {
    List<List<String>> bucketLiterals = new ArrayList<>();
    List<List<Pattern>> bucketPatterns = new ArrayList<>();
    for (int i = 0; i < literals.length; i++) {
      bucketLiterals.add(new ArrayList<>(0));
      bucketPatterns.add(new ArrayList<>(0));
    }
    List<String> rest = new ArrayList<>();
    for (String source : sources) {
      Pattern pattern = Pattern.compile(source);
      List<String> required = requiredLiterals(source);
      if (required == null) {
        rest.add("(?:" + source + ")");
        continue;
      }
      for (String literal : required) {
        int bucket = bucket(key(literal.charAt(0), literal.charAt(1), literal.charAt(2)));
        bucketLiterals.get(bucket).add(literal);
        bucketPatterns.get(bucket).add(pattern);
      }
    }
    for (int i = 0; i < literals.length; i++) {
      if (!bucketLiterals.get(i).isEmpty()) {
        literals[i] = bucketLiterals.get(i).toArray(String[]::new);
        patterns[i] = bucketPatterns.get(i).toArray(Pattern[]::new);
        keys[i] = new long[literals[i].length];
        for (int k = 0; k < literals[i].length; k++) {
          String literal = literals[i][k];
          keys[i][k] = key(literal.charAt(0), literal.charAt(1), literal.charAt(2));
          int slot = slot(keys[i][k]);
          starts[slot >>> 6] |= 1L << slot;
        }
      }
    }
    unindexed = rest.isEmpty() ? null : Pattern.compile(String.join("|", rest));
  }

  /** The published list. */
  public static AutomatedTraffic listed() {
    return LISTED;
  }

  /** Whether a browser would never send this user agent; no user agent at all counts as one. */
  public boolean isAutomated(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return true;
    }
    if (userAgent.length() > MAX_REMEMBERED_LENGTH) {
      return scan(userAgent);
    }
    int hash = userAgent.hashCode();
    int slot = (hash ^ hash >>> 16) & (REMEMBERED - 1);
    Verdict verdict = remembered[slot];
    if (verdict != null && verdict.userAgent.equals(userAgent)) {
      return verdict.automated;
    }
    boolean automated = scan(userAgent);
    remembered[slot] = new Verdict(userAgent, automated);
    return automated;
  }

  private boolean scan(String userAgent) {
    int length = userAgent.length();
    if (length >= MIN_LITERAL) {
      char c0 = lower(userAgent.charAt(0));
      char c1 = lower(userAgent.charAt(1));
      for (int i = 0; i + 2 < length; i++) {
        char c2 = lower(userAgent.charAt(i + 2));
        long key = packed(c0, c1, c2);
        int slot = slot(key);
        if ((starts[slot >>> 6] & 1L << slot) != 0) {
          int bucket = slot >>> 1;
          long[] bucketKeys = keys[bucket];
          for (int c = 0; c < bucketKeys.length; c++) {
            String literal = literals[bucket][c];
            if (bucketKeys[c] == key
                && userAgent.regionMatches(true, i, literal, 0, literal.length())
                && patterns[bucket][c].matcher(userAgent).find()) {
              return true;
            }
          }
        }
        c0 = c1;
        c1 = c2;
      }
    }
    return unindexed != null && unindexed.matcher(userAgent).find();
  }

  /** A user agent and whether it is automated. */
  private static final class Verdict {
    final String userAgent;
    final boolean automated;

    Verdict(String userAgent, boolean automated) {
      this.userAgent = userAgent;
      this.automated = automated;
    }
  }

  /**
   * Whether the browser loads this page speculatively, for a navigation that may never come: {@code
   * Sec-Purpose: prefetch} (with or without {@code ;prerender}), {@code Purpose: prefetch} or
   * {@code X-Moz: prefetch}.
   */
  public static boolean isSpeculative(String secPurpose, String purpose, String xMoz) {
    return startsWithPrefetch(secPurpose)
        || startsWithPrefetch(purpose)
        || startsWithPrefetch(xMoz);
  }

  private static boolean startsWithPrefetch(String value) {
    return value != null && value.regionMatches(true, 0, "prefetch", 0, "prefetch".length());
  }

  private static long key(char c0, char c1, char c2) {
    return packed(lower(c0), lower(c1), lower(c2));
  }

  private static long packed(char c0, char c1, char c2) {
    return (long) c0 << 32 | (long) c1 << 16 | c2;
  }

  private static int bucket(long key) {
    return slot(key) >>> 1;
  }

  private static int slot(long key) {
    long hash = key * 0x9E3779B97F4A7C15L;
    return (int) (hash >>> (64 - TABLE_BITS - 1));
  }

  /** As {@code String.regionMatches} with case ignored compares: upper, then lower case. */
  private static char lower(char c) {
    return c < 128 ? ASCII_LOWER[c] : Character.toLowerCase(Character.toUpperCase(c));
  }

  /**
   * Literals, one of which any text the pattern matches must contain (one per top-level
   * alternative), each at least three characters long; null if the pattern has none.
   */
  static List<String> requiredLiterals(String pattern) {
    List<String> alternatives = topLevelAlternatives(pattern);
    if (alternatives == null) {
      return null;
    }
    List<String> required = new ArrayList<>();
    for (String alternative : alternatives) {
      String literal = longestLiteral(alternative);
      if (literal == null || literal.length() < MIN_LITERAL) {
        return null;
      }
      required.add(literal);
    }
    return required;
  }

  /** The pattern split at the {@code |} outside groups and classes; null if it cannot be read. */
  private static List<String> topLevelAlternatives(String pattern) {
    List<String> alternatives = new ArrayList<>();
    int depth = 0;
    int start = 0;
    boolean inClass = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        alternatives.add(pattern.substring(start, i));
        start = i + 1;
      }
    }
    if (depth != 0 || inClass) {
      return null;
    }
    alternatives.add(pattern.substring(start));
    return alternatives;
  }

  /**
   * The longest run of characters that every match of this alternative contains, read
   * conservatively: a group, a class (other than one letter in both cases, {@code [wW]}), {@code
   * .}, an anchor or a character class escape ends a run; an optional character is left out of it.
   */
  private static String longestLiteral(String alternative) {
    String best = null;
    StringBuilder run = new StringBuilder();
    int i = 0;
    while (i < alternative.length()) {
      char c = alternative.charAt(i);
      int next;
      Character literal;
      if (c == '\\' && i + 1 < alternative.length()) {
        char escaped = alternative.charAt(i + 1);
        if (Character.isLetterOrDigit(escaped) && "dDsSwWbB".indexOf(escaped) < 0) {
          return null; // a hex, Unicode or property escape, a back-reference: not read here
        }
        literal = Character.isLetterOrDigit(escaped) ? null : escaped;
        next = i + 2;
      } else if (c == '[') {
        int close = closingBracket(alternative, i);
        if (close < 0) {
          return null;
        }
        literal = bothCases(alternative.substring(i + 1, close));
        next = close + 1;
      } else if (c == '(') {
        int close = closingParen(alternative, i);
        if (close < 0) {
          return null;
        }
        literal = null;
        next = close + 1;
      } else if (c == '{') {
        int close = alternative.indexOf('}', i);
        if (close < 0) {
          return null;
        }
        literal = null;
        next = close + 1;
      } else if (".^$*+?}|)".indexOf(c) >= 0) {
        literal = null;
        next = i + 1;
      } else {
        literal = c;
        next = i + 1;
      }
      char quantifier = next < alternative.length() ? alternative.charAt(next) : 0;
      if (quantifier == '?' || quantifier == '*' || quantifier == '{') {
        // Optional or counted: not part of a run.
        literal = null;
      }
      if (literal != null) {
        run.append(literal.charValue());
      }
      if (literal == null || quantifier == '+') {
        best = longer(best, run);
        run.setLength(0);
      }
      i = next;
    }
    return longer(best, run);
  }

  private static String longer(String best, StringBuilder run) {
    return best == null || run.length() > best.length() ? run.toString() : best;
  }

  private static Character bothCases(String classBody) {
    if (classBody.length() == 2
        && Character.isLetter(classBody.charAt(0))
        && lower(classBody.charAt(0)) == lower(classBody.charAt(1))) {
      return classBody.charAt(0);
    }
    return null;
  }

  private static int closingBracket(String pattern, int open) {
    int start = open + 1;
    if (start < pattern.length() && pattern.charAt(start) == '^') {
      start++;
    }
    if (start < pattern.length() && pattern.charAt(start) == ']') {
      start++; // a ] first in a class is one of its characters
    }
    for (int i = start; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ']') {
        return i;
      }
    }
    return -1;
  }

  private static int closingParen(String pattern, int open) {
    int depth = 0;
    boolean inClass = false;
    for (int i = open; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  static List<String> listedPatterns() {
    try (InputStream in = AutomatedTraffic.class.getResourceAsStream(LIST)) {
      if (in == null) {
        throw new IllegalStateException(LIST + " missing from the web module's jar");
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
