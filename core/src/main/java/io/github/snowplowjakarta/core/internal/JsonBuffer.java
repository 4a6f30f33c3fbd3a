package io.github.snowplowjakarta.core.internal;

import java.util.Arrays;
import java.util.Base64;

/**
 * A growable buffer of UTF-8 JSON, written by hand for the hot path of the tracker protocol: it
 * escapes what JSON requires, writes well-formed UTF-8 only (an unpaired surrogate becomes U+FFFD)
 * and encodes URL-safe base64, all without allocating. Not thread-safe. Not API, may change.
 */
public final class JsonBuffer {
  private static final byte[] HEX = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'
  };
  private static final Base64.Encoder BASE64_URL = Base64.getUrlEncoder().withoutPadding();

  private static final boolean[] ESCAPED = new boolean[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPED[c] = true;
    }
    ESCAPED['"'] = true;
    ESCAPED['\\'] = true;
  }

  /** This thread's scratch arrays, by slot; a slot is empty while its array is borrowed. */
  private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[5][]);

  /** The scratch slot this class uses itself; callers use 0 to 3. */
  private static final int BASE64_SCRATCH = 4;

  private static final int KEPT_BYTES = 64 * 1024;

  private byte[] bytes;
  private int size;
  private final int slot;

  public JsonBuffer(byte[] initial) {
    this(initial, -1);
  }

  private JsonBuffer(byte[] initial, int slot) {
    this.bytes = initial;
    this.slot = slot;
  }

  /**
   * A buffer over this thread's scratch array number {@code slot} (0 to 3), to {@link #release()}
   * when done, so that encoding allocates little more than its result. Borrowing a slot that is in
   * use gets a fresh array. Plain arrays in the thread local: a container's thread keeps no class
   * of a redeployed application alive.
   */
  public static JsonBuffer scratch(int slot) {
    byte[][] scratch = SCRATCH.get();
    byte[] array = scratch[slot];
    scratch[slot] = null;
    return new JsonBuffer(array != null ? array : new byte[1024], slot);
  }

  /** Returns a scratch buffer's array to its thread, unless it grew too large to keep. */
  public void release() {
    if (slot >= 0 && bytes.length <= KEPT_BYTES) {
      SCRATCH.get()[slot] = bytes;
    }
  }

  public int size() {
    return size;
  }

  public void reset() {
    size = 0;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  /** The bytes written since {@code from}. */
  public byte[] toByteArray(int from) {
    return Arrays.copyOfRange(bytes, from, size);
  }

  private void ensure(int extra) {
    if (size + extra > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
    }
  }

  /** An ASCII character, as is. */
  public void ascii(char c) {
    ensure(1);
    bytes[size++] = (byte) c;
  }

  /** ASCII text, as is. */
  public void ascii(String text) {
    int length = text.length();
    ensure(length);
    byte[] out = bytes;
    int position = size;
    for (int i = 0; i < length; i++) {
      out[position++] = (byte) text.charAt(i);
    }
    size = position;
  }

  /** A JSON string: quoted, escaped. */
  public void string(String value) {
    ascii('"');
    utf8(value, true);
    ascii('"');
  }

  /** JSON text that is already valid, as UTF-8. */
  public void json(String json) {
    utf8(json, false);
  }

  /** Bytes as they are. */
  public void bytes(byte[] source) {
    ensure(source.length);
    System.arraycopy(source, 0, bytes, size, source.length);
    size += source.length;
  }

  /** A whole number in decimal digits. */
  public void number(long value) {
    if (value == Long.MIN_VALUE) {
      ascii(Long.toString(value));
      return;
    }
    ensure(20);
    if (value < 0) {
      bytes[size++] = '-';
      value = -value;
    }
    int digits = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      digits++;
    }
    int position = size + digits;
    do {
      bytes[--position] = (byte) ('0' + (value % 10));
      value /= 10;
    } while (value > 0);
    size += digits;
  }

  /** The contents of {@code json}, which hold UTF-8 JSON, as the body of a JSON string. */
  public void escaped(JsonBuffer json) {
    ensure(json.size * 2);
    byte[] source = json.bytes;
    byte[] out = bytes;
    int position = size;
    for (int i = 0; i < json.size; i++) {
      byte b = source[i];
      if (b == '"' || b == '\\') {
        out[position++] = '\\';
      }
      out[position++] = b;
    }
    size = position;
  }

  /**
   * The contents of {@code source} as URL-safe base64 without padding. The JDK's encoder, as the
   * JVM compiles it to vector instructions where the CPU has them.
   */
  public void base64Url(JsonBuffer source) {
    byte[] input = Arrays.copyOf(source.bytes, source.size);
    int encodedLength = (input.length + 2) / 3 * 4;
    JsonBuffer encoded = scratch(BASE64_SCRATCH);
    try {
      encoded.ensure(encodedLength);
      int length = BASE64_URL.encode(input, encoded.bytes);
      ensure(length);
      System.arraycopy(encoded.bytes, 0, bytes, size, length);
      size += length;
    } finally {
      encoded.release();
    }
  }

  private void utf8(String text, boolean escape) {
    int length = text.length();
    ensure(length * 6);
    // Read from the string itself: a per-thread copy of its characters cost a thread-local lookup
    // per string, which in a container's pool of threads is a cache miss more often than not.
    byte[] out = bytes;
    int position = size;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        if (escape && ESCAPED[c]) {
          position = escape(out, position, c);
        } else {
          out[position++] = (byte) c;
        }
      } else if (c < 0x800) {
        out[position++] = (byte) (0xC0 | (c >> 6));
        out[position++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        int codePoint = 0xFFFD;
        if (Character.isHighSurrogate(c)
            && i + 1 < length
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          codePoint = Character.toCodePoint(c, text.charAt(++i));
        }
        position = codePoint(out, position, codePoint);
      } else {
        out[position++] = (byte) (0xE0 | (c >> 12));
        out[position++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[position++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    size = position;
  }

  private static int escape(byte[] out, int position, char c) {
    out[position++] = '\\';
    switch (c) {
      case '"':
      case '\\':
        out[position++] = (byte) c;
        break;
      case '\n':
        out[position++] = 'n';
        break;
      case '\r':
        out[position++] = 'r';
        break;
      case '\t':
        out[position++] = 't';
        break;
      default:
        out[position++] = 'u';
        out[position++] = '0';
        out[position++] = '0';
        out[position++] = HEX[c >> 4];
        out[position++] = HEX[c & 0xF];
    }
    return position;
  }

  private static int codePoint(byte[] out, int position, int codePoint) {
    if (codePoint >= 0x10000) {
      out[position++] = (byte) (0xF0 | (codePoint >> 18));
      out[position++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
    } else {
      out[position++] = (byte) (0xE0 | (codePoint >> 12));
    }
    out[position++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
    out[position++] = (byte) (0x80 | (codePoint & 0x3F));
    return position;
  }
}
