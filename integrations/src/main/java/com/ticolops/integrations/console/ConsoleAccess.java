package com.ticolops.integrations.console;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may use the console. In {@code local} mode a caller is on this machine when the connection is a loopback one at
 * both ends and no proxy says it relays for someone else: every hop named in {@code X-Forwarded-For},
 * {@code X-Real-IP} or {@code Forwarded} must be loopback too. A hop we cannot read ({@code unknown}, an obfuscated
 * name, a host name) counts as remote.
 */
final class ConsoleAccess {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final String TO_CHANGE = "Set ticolops.console.mode (environment TICOLOPS_CONSOLE_MODE) to local or off.";

    private ConsoleAccess() {
    }

    /**
     * What reached us, read from the container's own request: no forward-headers support has rewritten it.
     *
     * @param peerAddress  the TCP peer
     * @param localAddress the address the connection arrived at; loopback only for connections from this machine, and
     *                     no proxy header rewrites it (Tomcat's RemoteIpValve does rewrite the peer)
     * @param forwardedFor every {@code X-Forwarded-For} and {@code X-Real-IP} header, as sent
     * @param forwarded    every RFC 7239 {@code Forwarded} header, as sent
     */
    record Caller(String peerAddress, String localAddress, List<String> forwardedFor, List<String> forwarded) {
    }

    /** Empty when the caller may use the console, otherwise why not and how to change it. */
    static Optional<String> refusal(ConsoleProperties.Mode mode, Caller caller) {
        return switch (mode) {
            case OFF -> Optional.of("The console is off (ticolops.console.mode=off). " + TO_CHANGE);
            case SIGNED_IN -> Optional.of("ticolops.console.mode=signed-in needs sign-in, which this version does not have yet,"
                    + " so the console is off. " + TO_CHANGE);
            case LOCAL -> remoteHop(caller).map(hop -> "The console answers only callers on this machine (ticolops.console.mode=local),"
                    + " and this request came from " + hop + ". Use it on the server itself, or through an SSH tunnel"
                    + " (ssh -L 8080:localhost:8080 <server>). " + TO_CHANGE);
        };
    }

    private static Optional<String> remoteHop(Caller caller) {
        if (!isLoopback(caller.peerAddress())) {
            return Optional.of(caller.peerAddress());
        }
        if (!isLoopback(caller.localAddress())) {
            return Optional.of("a connection to " + caller.localAddress());
        }
        for (String header : caller.forwardedFor()) {
            for (String hop : header.split(",")) {
                if (!isLoopback(host(hop))) {
                    return Optional.of(hop.strip());
                }
            }
        }
        for (String header : caller.forwarded()) {
            for (String element : header.split(",")) {
                for (String pair : element.split(";")) {
                    String[] keyValue = pair.split("=", 2);
                    if (keyValue.length == 2 && keyValue[0].strip().equalsIgnoreCase("for") && !isLoopback(host(keyValue[1]))) {
                        return Optional.of(keyValue[1].strip());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** {@code 127.0.0.1}, {@code 127.0.0.1:5000}, {@code "[::1]:5000"} or {@code ::1} → the address alone. */
    private static String host(String hop) {
        String value = hop.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(1, end);
        }
        int colon = value.indexOf(':');
        return colon >= 0 && colon == value.lastIndexOf(':') ? value.substring(0, colon) : value;
    }

    /** Only address literals count: a header value is never looked up in DNS. */
    private static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        String value = address.strip().toLowerCase(Locale.ROOT);
        if (IPV4_LOOPBACK.matcher(value).matches()) {
            return true;
        }
        if (!value.contains(":") || !value.matches("[0-9a-f:.]+")) {
            return false;
        }
        try {
            // With a colon and nothing but hex digits, colons and dots, this parses an IPv6 literal, never resolves a name.
            return InetAddress.getByName(value).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
