package com.ticolops.bot.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;

class ApiErrorsTest {

    @Test
    void aRequestThatFoundNoDatabaseConnectionInTimeIsAskedToComeBackNotToldSomethingBroke() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/activities");

        ResponseEntity<Envelope<Void>> answer = new ApiErrors().busy(new CannotGetJdbcConnectionException("Connection is not available"), request);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(answer.getBody().errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("unavailable");
            assertThat(error.message()).isEqualTo("Ticolops is too busy to take this now; nothing was done. Try again in a few seconds.");
        });
    }
}
