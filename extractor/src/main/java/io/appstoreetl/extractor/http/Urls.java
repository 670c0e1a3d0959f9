package io.appstoreetl.extractor.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** URL helpers: parsing Apple's links as sent, loggable forms and loopback checks. */
public final class Urls {
  private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  private Urls() {}

  /**
   * Parses {@code url} as sent. Apple sends its query brackets percent-encoded, but a server that
   * sends {@code [} or {@code ]} literally gets them encoded here, because {@link URI} rejects them
   * outside an IPv6 host; nothing else in the URL changes.
   *
   * @throws IllegalArgumentException when the URL cannot be parsed even so
   */
  public static URI parse(String url) {
    int authorityStart = url.indexOf("://");
    int pathStart = authorityStart < 0 ? 0 : url.indexOf('/', authorityStart + 3);
    if (pathStart < 0) {
      return URI.create(url);
    }

    String rest = url.substring(pathStart).replace("[", "%5B").replace("]", "%5D");

    return URI.create(url.substring(0, pathStart) + rest);
  }

  /** Returns the URL without query and fragment, which is how presigned URLs may be logged. */
  public static String withoutQuery(URI url) {
    StringBuilder text = new StringBuilder();
    text.append(url.getScheme()).append("://").append(url.getRawAuthority());
    if (url.getRawPath() != null) {
      text.append(url.getRawPath());
    }

    return text.toString();
  }

  /** Returns whether two URLs share scheme, host and port, so a bearer token may go to both. */
  public static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && effectivePort(a) == effectivePort(b);
  }

  /**
   * Returns whether {@code host} names this machine's loopback interface: {@code localhost}, an
   * IPv4 literal in 127.0.0.0/8 or {@code ::1}. No name is looked up in DNS.
   */
  public static boolean isLoopbackHost(String host) {
    if (host == null) {
      return false;
    }

    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (bare.toLowerCase(Locale.ROOT).equals("localhost")) {
      return true;
    }
    if (!IPV4_LITERAL.matcher(bare).matches() && !bare.contains(":")) {
      return false;
    }

    try {
      // A literal address is parsed, never resolved.
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static int effectivePort(URI url) {
    if (url.getPort() >= 0) {
      return url.getPort();
    }

    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }
}
