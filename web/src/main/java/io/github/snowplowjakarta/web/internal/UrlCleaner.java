package io.github.snowplowjakarta.web.internal;

import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Keeps personal data and secrets out of tracked URLs, referrers and titles. From a URL it removes
 * the fragment, user info, path parameters ({@code ;jsessionid=…}) and query parameters (separated
 * by {@code &}, {@code ;} or {@code &amp;}) whose name carries a denied one (see {@link #denied});
 * it replaces each path segment, query parameter value or bare parameter that holds an e-mail
 * address, percent-encoded or not, with {@link #EMAIL_MARKER}. From text it replaces each e-mail
 * address. Every step is one pass over its input: URLs come from the client. Not API.
 */
public final class UrlCleaner {
  /** What an e-mail address is replaced by. */
  public static final String EMAIL_MARKER = "redacted-email";

  /** Parameters that carry credentials or session secrets. */
  static final List<String> SECRETS =
      List.of(
          "token",
          "access_token",
          "id_token",
          "refresh_token",
          "auth",
          "authorization",
          "password",
          "passwd",
          "pwd",
          "secret",
          "client_secret",
          "code",
          "state",
          "session",
          "sessionid",
          "jsessionid",
          "phpsessid",
          "sid",
          "key",
          "apikey",
          "api_key",
          "signature",
          "sig",
          "otp");

  /** Parameters that name, locate or identify a person. */
  static final List<String> PERSONAL_DATA =
      List.of(
          "email",
          "e-mail",
          "e_mail",
          "mail",
          "emailaddress",
          "email_address",
          "phone",
          "phonenumber",
          "phone_number",
          "tel",
          "telephone",
          "mobile",
          "name",
          "firstname",
          "first_name",
          "lastname",
          "last_name",
          "fullname",
          "full_name",
          "surname",
          "given_name",
          "family_name",
          "username",
          "user_name",
          "address",
          "address1",
          "address2",
          "street",
          "postcode",
          "post_code",
          "postalcode",
          "postal_code",
          "zip",
          "zipcode",
          "zip_code",
          "dob",
          "birthdate",
          "birth_date",
          "birthday",
          "dateofbirth",
          "date_of_birth",
          "iban",
          "account_number",
          "card",
          "cardnumber",
          "card_number",
          "ccnumber",
          "creditcard",
          "credit_card",
          "cvv",
          "cvc",
          "ssn",
          "passport",
          "tax_id");

  /**
   * Per-window, per-view, per-conversation and per-session ids of Java web frameworks, and the
   * cross-domain linkers that carry a browser's id: each links one visitor's page views together.
   */
  static final List<String> FRAMEWORK_IDS =
      List.of(
          "jfwid", // Faces client window (MyFaces, Mojarra URL mode)
          "jakarta.faces.ClientWindow",
          "javax.faces.ClientWindow",
          "jakarta.faces.ViewState",
          "javax.faces.ViewState",
          "jakarta.faces.Token", // Faces protected views
          "javax.faces.Token",
          "cid", // CDI / Weld conversation
          "conversationId", // Seam
          "execution", // Spring Web Flow
          "_csrf", // Spring Security
          "_adf.ctrl-state", // Oracle ADF
          "_afrLoop",
          "_afrWindowId",
          "v-uiId", // Vaadin
          "v-wn",
          "struts.token", // Struts 2
          "struts.token.name",
          "dtid", // ZK desktop
          "_sp", // Snowplow browser tracker's cross-domain linker: domain user id
          "_gl", // Google's cross-domain linker
          "_ga");

  /** Not top-level domains: {@code logo@2x.png} is a file name. */
  private static final Set<String> FILE_EXTENSIONS =
      Set.of(
          "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "css", "js", "mjs", "map",
          "html", "htm", "xhtml", "jsf", "jsp", "php", "pdf", "txt", "xml", "json");

  /** The built-in denylist. */
  public static final List<String> DEFAULT_DENYLIST =
      Stream.of(SECRETS, PERSONAL_DATA, FRAMEWORK_IDS).flatMap(List::stream).toList();

  /**
   * Built-in names that are words of many harmless names too ({@code promo_code}, {@code
   * product_name}, {@code sort_key}, {@code order_state}): they deny a parameter of that name, or
   * one whose last word they are after a word that says whose ({@link #WHOSE}: {@code user_name},
   * {@code customer[name]}, {@code access_key}), never one they are merely a word of. The others
   * deny every parameter with a run of words that spells them ({@code customer_phone}).
   */
  static final Set<String> AMBIGUOUS =
      Set.of(
          "auth",
          "code",
          "state",
          "session",
          "sid",
          "key",
          "sig",
          "name",
          "mail",
          "tel",
          "mobile",
          "street",
          "zip",
          "card",
          "cid",
          "execution",
          "dtid",
          "_sp",
          "_gl",
          "_ga");

  /** Words that make the ambiguous word after them a person's or a secret. */
  static final Set<String> WHOSE =
      Set.of(
          "user",
          "customer",
          "client",
          "account",
          "billing",
          "shipping",
          "delivery",
          "contact",
          "member",
          "person",
          "owner",
          "buyer",
          "recipient",
          "sender",
          "login",
          "holder",
          "cardholder",
          "first",
          "last",
          "full",
          "given",
          "family",
          "middle",
          "maiden",
          "nick",
          "api",
          "access",
          "secret",
          "private",
          "auth",
          "oauth",
          "reset",
          "verification",
          "security",
          "personal",
          "home",
          "credit",
          "debit");

  /**
   * The answers for names read into words ({@code utm_source} costs about 0.1 µs to read), for
   * names no longer than {@link #REMEMBERED_LENGTH}, until there are {@link #REMEMBERED} of them:
   * the same few names come again and again, and names made up by clients only fill it sooner.
   */
  private final Map<String, Boolean> remembered = new ConcurrentHashMap<>();

  private static final int REMEMBERED = 1024;
  private static final int REMEMBERED_LENGTH = 64;

  /** The longest spelling denied, to bound the search for runs of words. */
  private final int longest;

  /**
   * Names denied only as written (compared without case): those no spelling stands for, such as
   * {@code _sp}.
   */
  private final String[] whole;

  /** The spellings (words joined, lower case) of names denied wherever their words stand. */
  private final Set<String> anywhere;

  /**
   * The spellings' hash codes, sorted, and the spellings in the same order: a run of words is
   * looked up by the hash computed as it grows, with no string made for it.
   */
  private final int[] spellingHashes;

  private final String[] spellingsByHash;

  /** The spellings of the ambiguous names, denied as a last word after a word of {@link #WHOSE}. */
  private final Set<String> afterWhose;

  private final String[] ambiguousWords;

  private final boolean wicketPageIds;
  private final boolean redactEmails;

  /**
   * A cleaner denying these names (compared without case); with {@code defaults}, the built-in list
   * and Wicket's page instance parameter ({@code ?2}, {@code ?2-1.ILinkListener-…}) too.
   */
  public UrlCleaner(Iterable<String> denylist, boolean defaults, boolean redactEmails) {
    Set<String> wholeNames = new HashSet<>();
    Set<String> spellings = new HashSet<>();
    Set<String> lastWords = new HashSet<>();
    List<String> names = new ArrayList<>();
    if (defaults) {
      names.addAll(DEFAULT_DENYLIST);
    }
    denylist.forEach(names::add);
    for (String name : names) {
      String lower = name.toLowerCase(Locale.ROOT);
      String spelling = String.join("", words(name));
      if (spelling.isEmpty()) {
        wholeNames.add(lower);
      } else if (defaults && AMBIGUOUS.contains(lower) && !isConfigured(denylist, name)) {
        if (spelling.equals(lower)) {
          lastWords.add(spelling);
        } else {
          wholeNames.add(lower);
        }
      } else {
        spellings.add(spelling);
      }
    }
    this.whole = wholeNames.toArray(String[]::new);
    this.anywhere = Set.copyOf(spellings);
    this.spellingsByHash =
        spellings.stream().sorted(Comparator.comparingInt(String::hashCode)).toArray(String[]::new);
    this.spellingHashes = new int[spellingsByHash.length];
    for (int i = 0; i < spellingsByHash.length; i++) {
      spellingHashes[i] = spellingsByHash[i].hashCode();
    }
    this.afterWhose = Set.copyOf(lastWords);
    this.ambiguousWords = lastWords.toArray(String[]::new);
    this.longest = spellings.stream().mapToInt(String::length).max().orElse(0);
    this.wicketPageIds = defaults;
    this.redactEmails = redactEmails;
  }

  private static boolean isConfigured(Iterable<String> denylist, String name) {
    for (String configured : denylist) {
      if (configured.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** As configured: {@code snowplow.query.denylist} adds to the built-in list unless it is off. */
  public static UrlCleaner fromConfig(TrackerConfig config) {
    return new UrlCleaner(
        config.get(ConfigKeys.QUERY_DENYLIST),
        config.get(ConfigKeys.QUERY_DENYLIST_DEFAULTS),
        config.get(ConfigKeys.REDACT_EMAILS));
  }

  /** The URL cleaned as the class says; null stays null. */
  public String clean(String url) {
    if (url == null || isClean(url)) {
      return url;
    }
    return rebuilt(url);
  }

  /**
   * Whether the URL has nothing to clean, found without copying it (most URLs): none of the
   * characters that may start a fragment, user info, path parameters, an encoded or e-mail
   * character, no empty or denied parameter.
   */
  boolean isClean(String url) {
    int query = -1;
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '#' || c == '@' || c == ';' || c == '%' || c == '+') {
        return false;
      }
      if (c == '?' && query < 0) {
        query = i;
      }
    }
    if (query < 0) {
      return true;
    }
    int start = query + 1;
    while (start <= url.length()) {
      int amp = url.indexOf('&', start);
      int end = amp < 0 ? url.length() : amp;
      if (end == start) {
        return false;
      }
      int equals = url.indexOf('=', start);
      boolean bare = equals < 0 || equals > end;
      if (goes(url.substring(start, bare ? end : equals), bare)) {
        return false;
      }
      start = end + 1;
    }
    return true;
  }

  /** The URL cleaned, copied part by part. */
  String rebuilt(String url) {
    int fragment = url.indexOf('#');
    String base = fragment < 0 ? url : url.substring(0, fragment);
    int query = base.indexOf('?');
    String beforeQuery = query < 0 ? base : base.substring(0, query);
    int scheme = beforeQuery.indexOf("://");
    int pathStart = scheme < 0 ? 0 : beforeQuery.indexOf('/', scheme + 3);
    if (pathStart < 0) {
      pathStart = beforeQuery.length();
    }
    StringBuilder out = new StringBuilder(base.length());
    out.append(withoutUserInfo(beforeQuery.substring(0, pathStart), scheme));
    cleanPath(beforeQuery.substring(pathStart), out);
    if (query >= 0) {
      cleanQuery(base.substring(query + 1), out);
    }
    return out.toString();
  }

  /** The text with each e-mail address replaced by the marker, if so configured. */
  public String cleanText(String text) {
    if (!redactEmails || text == null || text.indexOf('@') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      int start = localPartStart(text, at);
      int end = domainEnd(text, at);
      if (start < at && end > at && start >= copied) {
        out.append(text, copied, start).append(EMAIL_MARKER);
        copied = end;
        at = end - 1;
      }
    }
    return copied == 0 ? text : out.append(text, copied, text.length()).toString();
  }

  private static String withoutUserInfo(String authority, int scheme) {
    if (scheme < 0) {
      return authority;
    }
    int at = authority.lastIndexOf('@');
    return at < scheme + 3
        ? authority
        : authority.substring(0, scheme + 3) + authority.substring(at + 1);
  }

  private void cleanPath(String path, StringBuilder out) {
    int start = 0;
    while (start < path.length()) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      String segment = path.substring(start, end);
      int parameters = parametersStart(segment);
      if (parameters >= 0) {
        segment = segment.substring(0, parameters);
      }
      out.append(holdsEmail(segment, false) ? EMAIL_MARKER : segment);
      if (slash < 0) {
        break;
      }
      out.append('/');
      start = slash + 1;
    }
  }

  /**
   * Where a path segment's parameters start: at its {@code ;}, or at a percent-encoded one ({@code
   * %3B}, {@code %253B}) that a denied name follows; -1 if nowhere. Only the first {@link
   * #ENCODED_PARAMETERS} encoded ones are looked at, each followed by at most {@link
   * #ENCODED_PARAMETER_CHARS} characters: one pass, whatever the client sends.
   */
  private int parametersStart(String segment) {
    int semicolon = segment.indexOf(';');
    int percent = segment.indexOf('%');
    int looked = 0;
    while (percent >= 0 && (semicolon < 0 || percent < semicolon) && looked < ENCODED_PARAMETERS) {
      int after = encodedSemicolonEnd(segment, percent);
      if (after > 0) {
        looked++;
        String rest =
            decodedName(
                segment.substring(
                    after, Math.min(segment.length(), after + ENCODED_PARAMETER_CHARS)));
        int equals = rest.indexOf('=');
        if (goes(equals < 0 ? rest : rest.substring(0, equals), false)) {
          return percent;
        }
      }
      percent = segment.indexOf('%', percent + 1);
    }
    return semicolon;
  }

  private static final int ENCODED_PARAMETERS = 8;
  private static final int ENCODED_PARAMETER_CHARS = 256;

  /** The end of a {@code %3B} or {@code %253B} starting at {@code at}, or -1. */
  private static int encodedSemicolonEnd(String text, int at) {
    if (text.regionMatches(true, at, "%3b", 0, 3)) {
      return at + 3;
    }
    return text.regionMatches(true, at, "%253b", 0, 5) ? at + 5 : -1;
  }

  /**
   * The pairs kept, each after the separator it had: {@code &}, {@code ;}, or {@code &amp;} (a URL
   * copied out of HTML), which is written back as {@code &}.
   */
  private void cleanQuery(String query, StringBuilder out) {
    int length = query.length();
    int start = 0;
    char separator = '?';
    boolean first = true;
    while (true) {
      int end = start;
      while (end < length && query.charAt(end) != '&' && query.charAt(end) != ';') {
        end++;
      }
      String pair = query.substring(start, end);
      String cleaned = pair.isEmpty() ? null : cleanPair(pair);
      if (cleaned != null) {
        out.append(first ? '?' : separator).append(cleaned);
        first = false;
      }
      if (end == length) {
        return;
      }
      separator = query.charAt(end);
      start = end + 1;
      if (separator == '&' && query.startsWith("amp;", start)) {
        start += 4;
      }
    }
  }

  /** The pair as it is, with its value redacted, or null when it goes. */
  private String cleanPair(String pair) {
    int equals = pair.indexOf('=');
    String rawName = equals < 0 ? pair : pair.substring(0, equals);
    if (goes(decodedName(rawName), equals < 0)) {
      return null;
    }
    if (holdsEmail(rawName, true)) {
      return EMAIL_MARKER;
    }
    if (equals >= 0 && holdsEmail(pair.substring(equals + 1), true)) {
      return rawName + "=" + EMAIL_MARKER;
    }
    return pair;
  }

  /** Whether a parameter of this (decoded) name goes: denied, or a bare Wicket page instance. */
  private boolean goes(String name, boolean bare) {
    return denied(name) || (wicketPageIds && bare && isWicketPageInstance(name));
  }

  /**
   * Whether a (decoded) parameter name carries a denied name: it is one, compared without case; or
   * a run of its {@link #words} spells one denied wherever it stands; or its last word is an
   * ambiguous one after a word that says whose.
   */
  boolean denied(String name) {
    if (isLowerCaseWord(name)) {
      return anywhere.contains(name) || afterWhose.contains(name) || isWhole(name);
    }
    if (name.length() > REMEMBERED_LENGTH) {
      return readDenied(name);
    }
    Boolean known = remembered.get(name);
    if (known != null) {
      return known;
    }
    boolean denied = readDenied(name);
    if (remembered.size() < REMEMBERED) {
      remembered.put(name, denied);
    }
    return denied;
  }

  private boolean readDenied(String name) {
    if (isWhole(name)) {
      return true;
    }
    int[] bounds = wordBounds(name);
    int count = bounds[0];
    for (int i = 0; i < count; i++) {
      int hash = 0;
      int length = 0;
      for (int j = i; j < count; j++) {
        int start = bounds[1 + 2 * j];
        int end = bounds[2 + 2 * j];
        length += end - start;
        if (length > longest) {
          break;
        }
        for (int k = start; k < end; k++) {
          hash = 31 * hash + Character.toLowerCase(name.charAt(k));
        }
        if (spells(name, bounds, i, j, hash, length)) {
          return true;
        }
      }
    }
    if (count == 0) {
      return false;
    }
    return isAmbiguous(name, bounds[2 * count - 1], bounds[2 * count])
        && (count == 1
            || WHOSE.contains(lowerCase(name, bounds[2 * count - 3], bounds[2 * count - 2])));
  }

  private boolean isWhole(String name) {
    for (String denied : whole) {
      if (denied.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** Whether this word of the name is one of the ambiguous names, with no string made for it. */
  private boolean isAmbiguous(String name, int start, int end) {
    int hash = 0;
    for (int k = start; k < end; k++) {
      hash = 31 * hash + Character.toLowerCase(name.charAt(k));
    }
    for (String word : ambiguousWords) {
      if (word.hashCode() == hash && word.length() == end - start) {
        return afterWhose.contains(lowerCase(name, start, end));
      }
    }
    return false;
  }

  /** Whether words {@code i} to {@code j} of the name spell a name denied wherever it stands. */
  private boolean spells(String name, int[] bounds, int i, int j, int hash, int length) {
    int found = Arrays.binarySearch(spellingHashes, hash);
    if (found < 0) {
      return false;
    }
    while (found > 0 && spellingHashes[found - 1] == hash) {
      found--;
    }
    for (; found < spellingHashes.length && spellingHashes[found] == hash; found++) {
      String spelling = spellingsByHash[found];
      if (spelling.length() != length) {
        continue;
      }
      int at = 0;
      boolean same = true;
      for (int w = i; w <= j && same; w++) {
        for (int k = bounds[1 + 2 * w]; k < bounds[2 + 2 * w] && same; k++) {
          same = Character.toLowerCase(name.charAt(k)) == spelling.charAt(at++);
        }
      }
      if (same) {
        return true;
      }
    }
    return false;
  }

  /** Where the {@link #words} of a name are: the count, then each word's start and end. */
  private static int[] wordBounds(String name) {
    int[] bounds = new int[17];
    int count = 0;
    int start = -1;
    for (int i = 0; i <= name.length(); i++) {
      boolean part = i < name.length() && Character.isLetterOrDigit(name.charAt(i));
      boolean ends = start >= 0 && (!part || startsWord(name, i));
      if (ends) {
        if (2 * count + 3 > bounds.length) {
          bounds = Arrays.copyOf(bounds, bounds.length * 2 + 1);
        }
        bounds[1 + 2 * count] = start;
        bounds[2 + 2 * count] = i;
        count++;
        start = -1;
      }
      if (part && start < 0) {
        start = i;
      }
    }
    bounds[0] = count;
    return bounds;
  }

  private static String lowerCase(String text, int start, int end) {
    char[] chars = new char[end - start];
    for (int i = start; i < end; i++) {
      chars[i - start] = Character.toLowerCase(text.charAt(i));
    }
    return new String(chars);
  }

  private static boolean isLowerCaseWord(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    return true;
  }

  /**
   * The words of a name, lower-cased: split at every character other than a letter or digit, where
   * a lower-case letter meets an upper-case one ({@code customerPhone}, {@code XMLToken}), and
   * where letters meet digits ({@code address2}).
   */
  static List<String> words(String name) {
    int[] bounds = wordBounds(name);
    List<String> words = new ArrayList<>(bounds[0]);
    for (int w = 0; w < bounds[0]; w++) {
      words.add(lowerCase(name, bounds[1 + 2 * w], bounds[2 + 2 * w]));
    }
    return words;
  }

  /** Whether a new word starts at {@code i}, inside a run of letters and digits. */
  private static boolean startsWord(String name, int i) {
    char before = name.charAt(i - 1);
    char c = name.charAt(i);
    if (before < 0x80 && c < 0x80 && (c < 'A' || c > 'Z') && (before < '0' || before > '9')) {
      return before >= 'a' && before <= 'z' && c >= '0' && c <= '9'
          || before >= 'A' && before <= 'Z' && c >= '0' && c <= '9';
    }
    if (Character.isDigit(before) != Character.isDigit(c)) {
      return true;
    }
    if (Character.isLowerCase(before) && Character.isUpperCase(c)) {
      return true;
    }
    return Character.isUpperCase(before)
        && Character.isUpperCase(c)
        && i + 1 < name.length()
        && Character.isLowerCase(name.charAt(i + 1));
  }

  /**
   * A parameter name percent-decoded ({@code +} as a space) until nothing changes, at most three
   * times: {@code %2574oken} is {@code token} encoded twice.
   */
  private static String decodedName(String raw) {
    String name = decode(raw, true);
    for (int round = 0; round < 2 && name.indexOf('%') >= 0; round++) {
      String again = decode(name, false);
      if (again.equals(name)) {
        break;
      }
      name = again;
    }
    return name;
  }

  /** {@code 2}, or {@code 2-1.ILinkListener-link}: which page instance of the session. */
  private static boolean isWicketPageInstance(String name) {
    int i = 0;
    while (i < name.length() && name.charAt(i) >= '0' && name.charAt(i) <= '9') {
      i++;
    }
    return i > 0 && (i == name.length() || name.charAt(i) == '-');
  }

  private boolean holdsEmail(String raw, boolean query) {
    if (!redactEmails || (raw.indexOf('@') < 0 && raw.indexOf('%') < 0)) {
      return false;
    }
    String text = raw;
    // Decoded until nothing changes, at most three times: %2540 is an @ encoded twice.
    for (int round = 0; round < 3 && text.indexOf('%') >= 0; round++) {
      String decoded = decode(text, query && round == 0);
      if (decoded.equals(text)) {
        break;
      }
      text = decoded;
    }
    for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      if (localPartStart(text, at) < at && domainEnd(text, at) > at) {
        return true;
      }
    }
    return false;
  }

  /** Where the local part before this {@code @} starts; {@code at} itself if there is none. */
  private static int localPartStart(String text, int at) {
    int start = at;
    while (start > 0 && isLocalPartChar(text.charAt(start - 1))) {
      start--;
    }
    return start;
  }

  /**
   * Where the domain after this {@code @} ends, if it looks like one (labels of letters, digits and
   * hyphens, at least two, the last of two letters or more); {@code at} itself if not.
   */
  private static int domainEnd(String text, int at) {
    int end = at + 1;
    while (end < text.length()
        && (Character.isLetterOrDigit(text.charAt(end))
            || text.charAt(end) == '-'
            || text.charAt(end) == '.')) {
      end++;
    }
    while (end > at + 1 && text.charAt(end - 1) == '.') {
      end--; // a full stop after the address ends a sentence
    }
    int lastDot = -1;
    for (int i = at + 1; i < end; i++) {
      if (text.charAt(i) == '.') {
        if (i == at + 1 || text.charAt(i - 1) == '.') {
          return at; // an empty label
        }
        lastDot = i;
      }
    }
    if (lastDot < 0 || end - lastDot - 1 < 2) {
      return at;
    }
    for (int i = lastDot + 1; i < end; i++) {
      if (!Character.isLetter(text.charAt(i))) {
        return at;
      }
    }
    String last = text.substring(lastDot + 1, end).toLowerCase(Locale.ROOT);
    return FILE_EXTENSIONS.contains(last) ? at : end;
  }

  /**
   * The characters of a local part, less {@code / = ? &}: RFC 5322 allows them, but addresses
   * hardly use them and URL text is full of them ({@code /users/a@b.example} is one address).
   */
  private static boolean isLocalPartChar(char c) {
    return Character.isLetterOrDigit(c) || "._%+-!#$'*^`{|}~".indexOf(c) >= 0;
  }

  /**
   * Percent-decoded as UTF-8, and {@code +} as a space in a query; a {@code %} not followed by two
   * hex digits stays as it is.
   */
  static String decode(String value, boolean query) {
    String text = query && value.indexOf('+') >= 0 ? value.replace('+', ' ') : value;
    return Cookies.decode(text);
  }
}
