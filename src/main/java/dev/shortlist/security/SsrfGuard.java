package dev.shortlist.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps outgoing requests that a caller chose the destination of (webhooks) away from the
 * service's own network: every address the host resolves to must be public, unless the host
 * or address is allow-listed. Resolution blocks, so call this on a worker thread.
 */
public final class SsrfGuard {

    /** Why a destination was refused, in words for the caller. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private final Set<String> allowed;
    private final boolean allowHttp;

    public SsrfGuard(List<String> allowedHosts, boolean allowHttp) {
        this.allowed = Set.copyOf(allowedHosts.stream().map(host -> host.toLowerCase(Locale.ROOT)).toList());
        this.allowHttp = allowHttp;
    }

    /** Returns the URL when every address it leads to may be called. */
    public URI check(String url) throws Refused {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new Refused("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new Refused(allowHttp ? "must be an http or https URL" : "must be an https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new Refused("must name a host, without user information");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (allowed.contains(host)) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused("names a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!allowed.contains(address.getHostAddress()) && isInternal(address)) {
                throw new Refused("leads to a private, loopback, link-local or metadata address (" + address.getHostAddress() + ")");
            }
        }
        return uri;
    }

    /** Loopback, private, link-local (cloud metadata lives there), shared and unique-local ranges. */
    static boolean isInternal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 198 && (second == 18 || second == 19));
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
            boolean mappedV4 = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff && allZero(bytes, 10);
            if (mappedV4) {
                try {
                    return isInternal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return uniqueLocal;
        }
        return true;
    }

    private static boolean allZero(byte[] bytes, int until) {
        for (int i = 0; i < until; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
