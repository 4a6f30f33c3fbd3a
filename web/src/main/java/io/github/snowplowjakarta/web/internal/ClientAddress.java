package io.github.snowplowjakarta.web.internal;

import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.ConfigurationException;
import io.github.snowplowjakarta.web.WebRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Finds the client's IP address: the remote address, unless it is a trusted proxy, in which case
 * the {@code Forwarded} or {@code X-Forwarded-For} chain is walked from the right, skipping trusted
 * proxies, to the first address that is not one. Only IP literals are parsed: a header can never
 * make the server resolve a name. Not API.
 */
public final class ClientAddress {
  private static final Pattern IP_LITERAL = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");
  private static final int MAX_HOPS = 20;

  private final List<Network> trusted;
  private final boolean fromForwardedHeader;

  private record Network(byte[] address, int prefixBits) {
    boolean contains(byte[] candidate) {
      if (candidate.length != address.length) {
        return false;
      }
      int bits = prefixBits;
      for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
        int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
        if ((address[i] & mask) != (candidate[i] & mask)) {
          return false;
        }
      }
      return true;
    }

    // equals, hashCode and toString are written out: on Java 17 a record's generated ones can
    // keep its class loader alive (see Anonymisation).
    @Override
    public boolean equals(Object other) {
      return other instanceof Network that
          && address == that.address
          && prefixBits == that.prefixBits;
    }

    @Override
    public int hashCode() {
      return Objects.hash(address, prefixBits);
    }

    @Override
    public String toString() {
      return "Network[" + "address=" + address + ", prefixBits=" + prefixBits + "]";
    }
  }

  /**
   * @param trustedProxies addresses and CIDR ranges of the proxies to believe
   * @param header the header those proxies write: {@code X-Forwarded-For} or {@code Forwarded}.
   *     Only that one is read: a proxy that appends to one passes the client's own other one on.
   */
  public ClientAddress(List<String> trustedProxies, String header) {
    if (header.equalsIgnoreCase("Forwarded")) {
      this.fromForwardedHeader = true;
    } else if (header.equalsIgnoreCase("X-Forwarded-For")) {
      this.fromForwardedHeader = false;
    } else {
      throw new ConfigurationException(
          ConfigKeys.TRUSTED_PROXIES_HEADER.name(),
          "expected X-Forwarded-For or Forwarded, was '" + header + "'");
    }
    List<Network> networks = new ArrayList<>();
    for (String entry : trustedProxies) {
      int slash = entry.indexOf('/');
      byte[] address = parse(slash < 0 ? entry : entry.substring(0, slash));
      int bits = address == null ? -1 : address.length * 8;
      if (address != null && slash >= 0) {
        try {
          bits = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
          bits = -1;
        }
      }
      if (address == null || bits < 0 || bits > address.length * 8) {
        throw new ConfigurationException(
            ConfigKeys.TRUSTED_PROXIES.name(),
            "expected IP addresses or CIDR ranges, was '" + entry + "'");
      }
      networks.add(new Network(address, bits));
    }
    this.trusted = List.copyOf(networks);
  }

  /** The client's address for this request, or null if even the remote address is unusable. */
  public String of(WebRequest request) {
    // The container's remote address is an IP already: only header values need parsing.
    String remote = request.remoteAddress();
    if (trusted.isEmpty() || !isTrusted(remote)) {
      return remote;
    }
    List<String> chain = fromForwardedHeader ? forwardedChain(request) : forwardedForChain(request);
    for (int i = chain.size() - 1; i >= 0; i--) {
      String hop = literalOrNull(chain.get(i));
      if (hop == null) {
        // Garbage in the chain: nothing left of it can be believed.
        return remote;
      }
      if (!isTrusted(hop)) {
        return hop;
      }
    }
    return chain.isEmpty() ? remote : literalOrNull(chain.get(0));
  }

  private boolean isTrusted(String address) {
    byte[] bytes = parse(address);
    if (bytes == null) {
      return false;
    }
    for (Network network : trusted) {
      if (network.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> forwardedChain(WebRequest request) {
    List<String> hops = new ArrayList<>();
    for (String header : request.headers("Forwarded")) {
      for (String element : header.split(",")) {
        for (String pair : element.split(";")) {
          String trimmed = pair.trim();
          if (trimmed.regionMatches(true, 0, "for=", 0, 4)) {
            hops.add(trimmed.substring(4));
          }
        }
      }
    }
    return lastHops(hops);
  }

  private static List<String> forwardedForChain(WebRequest request) {
    List<String> hops = new ArrayList<>();
    for (String header : request.headers("X-Forwarded-For")) {
      for (String hop : header.split(",")) {
        hops.add(hop.trim());
      }
    }
    return lastHops(hops);
  }

  private static List<String> lastHops(List<String> hops) {
    return hops.size() > MAX_HOPS ? hops.subList(hops.size() - MAX_HOPS, hops.size()) : hops;
  }

  /** The IP literal in a hop ({@code "[2001:db8::1]:4711"}, {@code 192.0.2.1:80}), or null. */
  static String literalOrNull(String hop) {
    if (hop == null) {
      return null;
    }
    String value = hop.trim();
    if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
      value = value.substring(1, value.length() - 1);
    }
    if (value.startsWith("[")) {
      int end = value.indexOf(']');
      value = end < 0 ? "" : value.substring(1, end);
    } else if (value.indexOf(':') > 0 && value.indexOf(':') == value.lastIndexOf(':')) {
      value = value.substring(0, value.indexOf(':'));
    }
    return parse(value) == null ? null : value;
  }

  /** Four decimal octets, 0 to 255: parsed here, as the JDK would resolve 999.1.1.1 as a name. */
  private static byte[] ipv4(String literal) {
    String[] parts = literal.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] address = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 3) {
        return null;
      }
      int value = 0;
      for (int j = 0; j < part.length(); j++) {
        char c = part.charAt(j);
        if (c < '0' || c > '9') {
          return null;
        }
        value = value * 10 + (c - '0');
      }
      if (value > 255) {
        return null;
      }
      address[i] = (byte) value;
    }
    return address;
  }

  private static byte[] parse(String literal) {
    if (literal == null || !IP_LITERAL.matcher(literal).matches()) {
      return null;
    }
    if (literal.indexOf(':') < 0) {
      return ipv4(literal);
    }
    try {
      // An IPv6 literal (it has a colon): never looked up as a name.
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }
}
