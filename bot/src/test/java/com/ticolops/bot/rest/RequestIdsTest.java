package com.ticolops.bot.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestIdsTest {

    private final RequestIds filter = new RequestIds();

    @Test
    void everyLogLineOfAWebhookRequestCarriesTheIdItsResponseNames() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/github");
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<String> logged = new AtomicReference<>();

        filter.doFilter(request, response, (req, res) -> logged.set(MDC.get("request_id")));

        assertThat(logged.get()).isNotBlank().isEqualTo(response.getHeader("X-Request-Id"));
        assertThat(MDC.get("request_id")).as("the id leaves with its request").isNull();
    }

    @Test
    void aSaneIdFromTheCallerIsKeptAndAnyOtherReplaced() throws Exception {
        MockHttpServletRequest proxied = new MockHttpServletRequest("GET", "/api/v1/tokens");
        proxied.addHeader("X-Request-Id", "req-42");
        MockHttpServletResponse kept = new MockHttpServletResponse();
        filter.doFilter(proxied, kept, (req, res) -> { });
        MockHttpServletRequest forged = new MockHttpServletRequest("GET", "/api/v1/tokens");
        forged.addHeader("X-Request-Id", "a\nforged log line");
        MockHttpServletResponse replaced = new MockHttpServletResponse();
        filter.doFilter(forged, replaced, (req, res) -> { });

        assertThat(kept.getHeader("X-Request-Id")).isEqualTo("req-42");
        assertThat(replaced.getHeader("X-Request-Id")).doesNotContain("forged").matches("[0-9a-f-]{36}");
    }
}
