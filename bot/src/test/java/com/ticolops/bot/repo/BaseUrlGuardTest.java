package com.ticolops.bot.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BaseUrlGuardTest {

    /** A DNS of our own, so each row says which address a name resolves to. */
    private static final Map<String, String> DNS = Map.ofEntries(
            Map.entry("localhost", "127.0.0.1"),
            Map.entry("gitlab.example.com", "203.0.113.10"),
            Map.entry("gitlab6.example.com", "2001:db8::10"),
            Map.entry("loopback.example.com", "127.0.0.1"),
            Map.entry("rebind.example.com", "10.1.2.3"),
            Map.entry("metadata.example.com", "169.254.169.254"),
            Map.entry("ec2v6.example.com", "fd00:ec2::254"),
            Map.entry("ula.example.com", "fd12:3456::1"),
            Map.entry("linklocal6.example.com", "fe80::1"),
            Map.entry("cgnat.example.com", "100.64.0.9"),
            Map.entry("multicast.example.com", "224.0.0.1"),
            Map.entry("mapped.example.com", "::ffff:192.168.1.1"),
            Map.entry("internal.corp", "10.20.3.4"));

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String address = DNS.get(host);
        if (address == null) {
            if (host.matches("[0-9a-fA-F:.]+")) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
    }

    private final BaseUrlGuard guard = new BaseUrlGuard(List.of(), BaseUrlGuardTest::resolve);
    private final BaseUrlGuard allowingCorp = new BaseUrlGuard(List.of("10.20.0.0/16", "fd12:3456::/32"), BaseUrlGuardTest::resolve);

    @ParameterizedTest(name = "{0} is accepted as {1}")
    @CsvSource({
            "https://gitlab.example.com,           https://gitlab.example.com",
            "https://gitlab.example.com/,          https://gitlab.example.com",
            "https://gitlab.example.com:8443/gl,   https://gitlab.example.com:8443/gl",
            "https://gitlab6.example.com,          https://gitlab6.example.com",
            "https://203.0.113.10,                 https://203.0.113.10",
    })
    void publicAddressesOverHttpsAreAccepted(String typed, String expected) {
        assertThat(guard.check(typed).url()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "https://localhost                    | internal address",
            "https://127.0.0.1                    | internal address",
            "https://loopback.example.com         | resolves to 127.0.0.1",
            "https://[::1]                        | internal address",
            "https://0.0.0.0                      | internal address",
            "https://[::]                         | internal address",
            "https://rebind.example.com           | resolves to 10.1.2.3",
            "https://172.16.5.5                   | internal address",
            "https://192.168.0.10                 | internal address",
            "https://metadata.example.com         | resolves to 169.254.169.254",
            "https://169.254.169.254              | internal address",
            "https://metadata.google.internal     | cloud metadata service",
            "https://ec2v6.example.com            | internal address",
            "https://ula.example.com              | internal address",
            "https://linklocal6.example.com       | internal address",
            "https://cgnat.example.com            | internal address",
            "https://multicast.example.com        | internal address",
            "https://mapped.example.com           | internal address",
            "https://[::ffff:127.0.0.1]           | internal address",
    })
    void internalAddressesAreRefused(String typed, String why) {
        assertThat(refusal(guard, typed)).startsWith("Ticolops will not call " + typed).contains(why)
                .contains("ticolops.gitlab.allowed-networks");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "http://gitlab.example.com            | must start with https://",
            "ftp://gitlab.example.com             | is not a GitLab address",
            "https://user:pw@gitlab.example.com   | is not a GitLab address",
            "https://gitlab.example.com/?x=1      | is not a GitLab address",
            "gitlab.example.com                   | is not a GitLab address",
            "https://nowhere.invalid              | could not be resolved",
            "https://exa mple.com                 | is not a URL",
    })
    void badAddressesGetAClearAnswer(String typed, String message) {
        assertThat(refusal(guard, typed)).contains(message);
    }

    @ParameterizedTest(name = "{0} is allowed inside the administrator's networks")
    @CsvSource({
            "https://internal.corp",
            "http://internal.corp",
            "https://ula.example.com",
    })
    void anAllowedNetworkLetsAnInternalGitLabThroughWithHttpToo(String typed) {
        assertThat(allowingCorp.check(typed).url()).isEqualTo(typed);
    }

    @ParameterizedTest(name = "{0} stays refused: the allowed networks do not cover it")
    @CsvSource({
            "https://rebind.example.com",
            "https://metadata.example.com",
            "http://gitlab.example.com",
    })
    void anAllowedNetworkOpensNothingElse(String typed) {
        assertThatThrownBy(() -> allowingCorp.check(typed)).isInstanceOf(RepoException.class);
    }

    @ParameterizedTest(name = "{0} is not a network")
    @CsvSource({"10.0.0.0", "10.0.0.0/33", "example.com/8", "fd00::/129"})
    void aMistypedAllowedNetworkStopsStartUpWithItsName(String network) {
        assertThatThrownBy(() -> new BaseUrlGuard(List.of(network), BaseUrlGuardTest::resolve))
                .hasMessageContaining("ticolops.gitlab.allowed-networks").hasMessageContaining(network);
    }

    @Test
    void theHostIsResolvedOnceAndTheAddressesCheckedAreTheOnesToConnectTo() throws UnknownHostException {
        // GIVEN a DNS that answers a public address first and loopback afterwards (rebinding)
        AtomicInteger lookups = new AtomicInteger();
        BaseUrlGuard rebinding = new BaseUrlGuard(List.of(), host -> new InetAddress[] {
                InetAddress.getByName(lookups.getAndIncrement() == 0 ? "203.0.113.10" : "127.0.0.1")});

        // WHEN the address is checked
        BaseUrlGuard.Checked checked = rebinding.check("https://rebinding.example.com");

        // THEN the call is pinned to the public address that passed, and DNS was asked only once
        assertThat(checked.addresses()).containsExactly(InetAddress.getByName("203.0.113.10"));
        assertThat(lookups).hasValue(1);
    }

    /** What a user is told when the guard refuses {@code typed}. */
    private static String refusal(BaseUrlGuard guard, String typed) {
        try {
            guard.check(typed);
        } catch (RepoException e) {
            return RepoReplies.text(e);
        }
        throw new AssertionError(typed + " was not refused");
    }
}
