package cn.grid.notification.domain.webhook;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which addresses a webhook may be sent to (SSRF guard). Forbidden unless allowed: loopback, unspecified
 * (0.0.0.0/8, ::), private (10/8, 172.16/12, 192.168/16), link-local (169.254/16 — cloud metadata — and fe80::/10),
 * multicast, CGNAT (100.64/10), benchmarking (198.18/15), reserved (240/4, broadcast), IPv6 unique-local (fc00::/7),
 * and each of them in IPv4-mapped or NAT64-less IPv4-compatible form. {@code allowed} lists hosts (exact, case-free)
 * and CIDR ranges that may be called even so.
 */
public record AddressPolicy(boolean allowPrivate, List<String> allowed) {

    private static final List<String> FORBIDDEN = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4",
            "240.0.0.0/4", "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8");

    public AddressPolicy {
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
    }

    /** Whether the host name itself is on the allow-list (then its addresses are not checked). */
    public boolean hostAllowed(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return allowed.stream().anyMatch(a -> !a.contains("/") && a.toLowerCase(Locale.ROOT).equals(h));
    }

    /** Whether a request to this address is allowed. */
    public boolean permits(InetAddress address) {
        if (allowPrivate || !isForbidden(address)) {
            return true;
        }
        return allowed.stream().filter(a -> a.contains("/")).anyMatch(cidr -> inRange(address, cidr));
    }

    /** Whether the address is one that a public receiver never has. */
    public static boolean isForbidden(InetAddress address) {
        InetAddress effective = embeddedIpv4(address);
        if (effective.isAnyLocalAddress() || effective.isLoopbackAddress() || effective.isLinkLocalAddress()
                || effective.isSiteLocalAddress() || effective.isMulticastAddress()) {
            return true;
        }
        if (effective instanceof Inet4Address && effective.getAddress()[0] == (byte) 255) {
            return true;
        }
        return FORBIDDEN.stream().anyMatch(cidr -> inRange(effective, cidr));
    }

    /** IPv4 inside an IPv6 address (::ffff:a.b.c.d, ::a.b.c.d) is judged as that IPv4 address. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return address;
            }
        }
        boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
        boolean compatible = b[10] == 0 && b[11] == 0 && (b[12] != 0 || b[13] != 0);
        if (!mapped && !compatible) {
            return address;
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /** Whether {@code address} is in {@code cidr} ({@code a.b.c.d/n} or {@code x::/n}); a bad range matches nothing. */
    public static boolean inRange(InetAddress address, String cidr) {
        try {
            int slash = cidr.indexOf('/');
            byte[] network = InetAddress.getByName(cidr.substring(0, slash).trim()).getAddress();
            int bits = Integer.parseInt(cidr.substring(slash + 1).trim());
            byte[] candidate = address.getAddress();
            if (network.length != candidate.length || bits < 0 || bits > network.length * 8) {
                return false;
            }
            int shift = network.length * 8 - bits;
            BigInteger mask = BigInteger.ONE.shiftLeft(network.length * 8).subtract(BigInteger.ONE)
                    .shiftRight(shift).shiftLeft(shift);
            return new BigInteger(1, network).and(mask).equals(new BigInteger(1, candidate).and(mask));
        } catch (UnknownHostException | RuntimeException e) {
            return false;
        }
    }
}
