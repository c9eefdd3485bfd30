package com.ticolops.bot.repo;

import com.ticolops.bot.repo.RepoException.Reason;
import com.ticolops.integrations.git.GitProvider;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps a GitLab base URL typed in chat from making Ticolops call into its own network (SSRF): the host is resolved
 * and every address it resolves to must be a public one, unless it lies in a network the administrator allowed
 * ({@code ticolops.gitlab.allowed-networks}); only https, except inside an allowed network. No library on our classpath
 * classifies addresses this way, hence the hand-written ranges. Public for other URLs people type that Ticolops then
 * calls (a person's notification webhook), each with the networks its own setting allows; a refusal is a
 * {@link RepoException} whose reason says why (the GitLab-specific {@code NOT_A_GITLAB_ADDRESS} then means "not a web
 * address we call").
 */
public final class BaseUrlGuard {

    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "instance-data");
    private static final List<Cidr> REFUSED = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("100.64.0.0/10"), Cidr.parse("169.254.169.254/32"), Cidr.parse("192.0.0.0/24"),
            Cidr.parse("198.18.0.0/15"), Cidr.parse("240.0.0.0/4"), Cidr.parse("fc00::/7"), Cidr.parse("fd00:ec2::254/128"),
            Cidr.parse("64:ff9b::/96"), Cidr.parse("::/128"));

    private final List<Cidr> allowed;
    private final Resolver resolver;

    /** With the system's name resolution; {@code allowedNetworks} in CIDR notation. */
    public BaseUrlGuard(List<String> allowedNetworks) {
        this(allowedNetworks, BaseUrlGuard::systemResolver);
    }

    BaseUrlGuard(List<String> allowedNetworks, Resolver resolver) {
        this.allowed = allowedNetworks.stream().map(Cidr::parse).toList();
        this.resolver = resolver;
    }

    /** A base URL that is safe to call, at the addresses it resolved to when it was checked, and only there. */
    public record Checked(String url, List<InetAddress> addresses) {
    }

    /**
     * Resolves the host once: the addresses checked are the ones returned, for the call to connect to.
     *
     * @return the base URL without a trailing slash, once it is safe to call
     */
    public Checked check(String typed) {
        return check(typed, false);
    }

    /**
     * A deploy hook URL: checked as a base URL, except that its query is kept, as some platforms put the hook's key
     * there (Render's {@code ?key=}).
     */
    Checked checkHook(String typed) {
        return check(typed, true);
    }

    private Checked check(String typed, boolean queryAllowed) {
        URI uri;
        try {
            uri = new URI(typed);
        } catch (URISyntaxException e) {
            throw refused(Reason.NOT_A_URL, typed, null);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null && !queryAllowed || uri.getRawFragment() != null) {
            throw refused(Reason.NOT_A_GITLAB_ADDRESS, typed, null);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        if (METADATA_HOSTS.contains(host)) {
            throw refused(Reason.METADATA_SERVICE, typed, null);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw refused(Reason.UNRESOLVABLE, typed, null);
        }
        boolean allInAllowedNetworks = addresses.length > 0;
        for (InetAddress address : addresses) {
            boolean allowedHere = allowed.stream().anyMatch(cidr -> cidr.contains(address));
            allInAllowedNetworks &= allowedHere;
            if (!allowedHere && internal(address)) {
                throw refused(Reason.INTERNAL_ADDRESS, typed, address.getHostAddress());
            }
        }
        if (!scheme.equals("https") && !allInAllowedNetworks) {
            throw refused(Reason.NEEDS_HTTPS, typed, scheme);
        }
        return new Checked(typed.replaceAll("/+$", ""), List.of(addresses));
    }

    private static RepoException refused(Reason reason, String typed, String detail) {
        return new RepoException(reason, GitProvider.GITLAB, typed, detail);
    }

    static boolean internal(InetAddress address) {
        return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()
                || address.isSiteLocalAddress() || REFUSED.stream().anyMatch(cidr -> cidr.contains(address))
                || address instanceof Inet6Address v6 && embeddedIpv4(v6) != null && internal(embeddedIpv4(v6));
    }

    /** ::ffff:a.b.c.d and ::a.b.c.d carry an IPv4 address that routes like it. */
    private static InetAddress embeddedIpv4(Inet6Address address) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return null;
            }
        }
        boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
        boolean compatible = bytes[10] == 0 && bytes[11] == 0 && (bytes[12] != 0 || bytes[13] != 0);
        if (!mapped && !compatible) {
            return null;
        }
        try {
            return InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
        } catch (UnknownHostException e) {
            return null;
        }
    }

    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            String[] parts = text.strip().split("/");
            try {
                if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F:.]+")) {
                    throw new IllegalArgumentException();
                }
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int prefix = Integer.parseInt(parts[1]);
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException();
                }
                return new Cidr(network, prefix);
            } catch (UnknownHostException | IllegalArgumentException e) {
                throw new IllegalStateException("ticolops.gitlab.allowed-networks: `" + text + "` is not a network in CIDR notation, e.g. 10.0.0.0/8");
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int bits = network.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE.shiftLeft(bits - prefix));
            return new BigInteger(1, bytes).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }

    static InetAddress[] systemResolver(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }
}
