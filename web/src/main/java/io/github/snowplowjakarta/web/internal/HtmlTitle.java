package io.github.snowplowjakarta.web.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code <title>} of the start of an HTML document, as {@code document.title} would give
 * it: character references decoded, ASCII whitespace collapsed and trimmed. The title in {@code
 * <head>} only: comments, scripts and styles are skipped, and an {@code <svg>}, {@code </head>} or
 * {@code <body>} before any title means there is none. A title not closed within the text read is
 * no title. Not API.
 */
final class HtmlTitle {
  private static final Pattern META_CHARSET =
      Pattern.compile(
          "<meta\\s[^>]{0,512}?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:-]{1,40})",
          Pattern.CASE_INSENSITIVE);

  private static final Map<String, String> ENTITIES =
      Map.ofEntries(
          Map.entry("amp", "&"),
          Map.entry("lt", "<"),
          Map.entry("gt", ">"),
          Map.entry("quot", "\""),
          Map.entry("apos", "'"),
          Map.entry("nbsp", "\u00a0"),
          Map.entry("copy", "\u00a9"),
          Map.entry("reg", "\u00ae"),
          Map.entry("trade", "\u2122"),
          Map.entry("ndash", "\u2013"),
          Map.entry("mdash", "\u2014"),
          Map.entry("hellip", "\u2026"),
          Map.entry("laquo", "\u00ab"),
          Map.entry("raquo", "\u00bb"),
          Map.entry("lsquo", "\u2018"),
          Map.entry("rsquo", "\u2019"),
          Map.entry("ldquo", "\u201c"),
          Map.entry("rdquo", "\u201d"),
          Map.entry("bull", "\u2022"),
          Map.entry("middot", "\u00b7"),
          Map.entry("euro", "\u20ac"),
          Map.entry("pound", "\u00a3"),
          Map.entry("yen", "\u00a5"),
          Map.entry("cent", "\u00a2"),
          Map.entry("sect", "\u00a7"),
          Map.entry("deg", "\u00b0"),
          Map.entry("times", "\u00d7"),
          Map.entry("divide", "\u00f7"),
          Map.entry("auml", "\u00e4"),
          Map.entry("ouml", "\u00f6"),
          Map.entry("uuml", "\u00fc"),
          Map.entry("Auml", "\u00c4"),
          Map.entry("Ouml", "\u00d6"),
          Map.entry("Uuml", "\u00dc"),
          Map.entry("szlig", "\u00df"),
          Map.entry("aacute", "\u00e1"),
          Map.entry("agrave", "\u00e0"),
          Map.entry("acirc", "\u00e2"),
          Map.entry("eacute", "\u00e9"),
          Map.entry("egrave", "\u00e8"),
          Map.entry("ecirc", "\u00ea"),
          Map.entry("iacute", "\u00ed"),
          Map.entry("oacute", "\u00f3"),
          Map.entry("uacute", "\u00fa"),
          Map.entry("ccedil", "\u00e7"),
          Map.entry("ntilde", "\u00f1"),
          Map.entry("Eacute", "\u00c9"));

  private HtmlTitle() {}

  /**
   * The title of HTML that arrived as bytes: in the charset the content type names, else the one a
   * {@code <meta>} names, else UTF-8 if the bytes are UTF-8, else windows-1252 (as browsers guess).
   */
  static String of(byte[] bytes, int length, String contentType) {
    Charset charset = charsetOf(contentType);
    if (charset == null) {
      String ascii = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      Matcher meta = META_CHARSET.matcher(ascii);
      charset = meta.find() ? charsetNamed(meta.group(1)) : null;
      if (charset == null) {
        charset = isUtf8(bytes, length) ? StandardCharsets.UTF_8 : windows1252();
      }
    }
    return of(new String(bytes, 0, length, charset));
  }

  /** The title of this start of a document, or null. */
  static String of(CharSequence html) {
    int i = 0;
    while (true) {
      int lt = indexOfChar(html, '<', i);
      if (lt < 0) {
        return null;
      }
      if (startsWith(html, lt, "<!--")) {
        int end = indexOf(html, "-->", lt + 4);
        if (end < 0) {
          return null;
        }
        i = end + 3;
      } else if (isTag(html, lt, "title")) {
        int open = indexOf(html, ">", lt);
        int close = open < 0 ? -1 : indexOf(html, "</title", open + 1);
        if (close < 0) {
          return null;
        }
        return text(html, open + 1, close);
      } else if (isTag(html, lt, "script") || isTag(html, lt, "style")) {
        String closing = isTag(html, lt, "script") ? "</script" : "</style";
        int end = indexOf(html, closing, lt + 1);
        if (end < 0) {
          return null;
        }
        i = end + closing.length();
      } else if (isTag(html, lt, "body") || isTag(html, lt, "/head") || isTag(html, lt, "svg")) {
        return null;
      } else {
        i = lt + 1;
      }
    }
  }

  private static String text(CharSequence html, int start, int end) {
    StringBuilder out = new StringBuilder(end - start);
    boolean space = false;
    int i = start;
    while (i < end) {
      char c = html.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
        space = out.length() > 0;
        i++;
        continue;
      }
      if (space) {
        out.append(' ');
        space = false;
      }
      if (c == '&') {
        int semicolon = i + 1;
        while (semicolon < end && semicolon - i <= 32 && html.charAt(semicolon) != ';') {
          semicolon++;
        }
        if (semicolon > i + 1 && semicolon < end && html.charAt(semicolon) == ';') {
          String decoded = reference(html.subSequence(i + 1, semicolon).toString());
          if (decoded != null) {
            out.append(decoded);
            i = semicolon + 1;
            continue;
          }
        }
      }
      out.append(c);
      i++;
    }
    return out.length() == 0 ? null : out.toString();
  }

  /** A character reference's text without its {@code &} and {@code ;}, or null if unknown. */
  private static String reference(String name) {
    if (name.startsWith("#")) {
      try {
        boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
        int codePoint = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
        return codePoint > 0
                && codePoint <= Character.MAX_CODE_POINT
                && !(codePoint >= 0xd800 && codePoint <= 0xdfff)
            ? new String(Character.toChars(codePoint))
            : "\ufffd";
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return ENTITIES.get(name);
  }

  private static boolean isTag(CharSequence html, int lt, String name) {
    int end = lt + 1 + name.length();
    if (end >= html.length() || !startsWith(html, lt + 1, name)) {
      return false;
    }
    char next = html.charAt(end);
    return next == '>'
        || next == '/'
        || next == ' '
        || next == '\t'
        || next == '\n'
        || next == '\r'
        || next == '\f';
  }

  private static boolean startsWith(CharSequence html, int at, String prefix) {
    if (at + prefix.length() > html.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (Character.toLowerCase(html.charAt(at + i)) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOfChar(CharSequence html, char c, int from) {
    for (int i = from; i < html.length(); i++) {
      if (html.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  /** Where {@code lowerCase} starts, compared without case, from {@code from}; -1 if nowhere. */
  private static int indexOf(CharSequence html, String lowerCase, int from) {
    char first = lowerCase.charAt(0);
    for (int i = Math.max(from, 0); i + lowerCase.length() <= html.length(); i++) {
      if (Character.toLowerCase(html.charAt(i)) == first && startsWith(html, i, lowerCase)) {
        return i;
      }
    }
    return -1;
  }

  /** The charset a content type names, if it names one this JVM knows. */
  static Charset charsetOf(String contentType) {
    if (contentType == null) {
      return null;
    }
    int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
    if (at < 0) {
      return null;
    }
    String name = contentType.substring(at + "charset=".length());
    int end = name.indexOf(';');
    name = (end < 0 ? name : name.substring(0, end)).trim();
    if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
      name = name.substring(1, name.length() - 1);
    }
    return charsetNamed(name);
  }

  private static Charset charsetNamed(String name) {
    try {
      return Charset.isSupported(name) ? Charset.forName(name) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Charset windows1252() {
    Charset charset = charsetNamed("windows-1252");
    return charset != null ? charset : StandardCharsets.ISO_8859_1;
  }

  /** Valid UTF-8, allowing a sequence cut off at the end of what was read. */
  private static boolean isUtf8(byte[] bytes, int length) {
    int end = length;
    // Back off a trailing sequence the prefix may have cut.
    for (int i = length - 1; i >= Math.max(0, length - 3); i--) {
      if ((bytes[i] & 0xc0) == 0xc0) {
        end = i;
        break;
      }
      if ((bytes[i] & 0x80) == 0) {
        break;
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, end));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
