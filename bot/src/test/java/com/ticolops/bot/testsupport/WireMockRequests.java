package com.ticolops.bot.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What a provider played by WireMock was asked, read back as the provider received it. */
public final class WireMockRequests {

    private WireMockRequests() {
    }

    /** The one request made with this method to a URL starting with {@code path}; fails when there were none or several. */
    public static LoggedRequest only(WireMockServer api, String method, String path) {
        List<LoggedRequest> requests = api.getAllServeEvents().stream().map(event -> event.getRequest())
                .filter(request -> request.getMethod().getName().equals(method) && request.getUrl().startsWith(path))
                .map(LoggedRequest.class::cast).toList();
        assertThat(requests).as(method + " " + path).hasSize(1);
        return requests.get(0);
    }

    /** A form-encoded body (as GitLab4J sends it), decoded; of a repeated name, the last value. */
    public static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8), pair -> pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "",
                (a, b) -> b));
    }
}
