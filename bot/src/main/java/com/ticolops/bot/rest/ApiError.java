package com.ticolops.bot.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One error: {@code code} for programs (stable, snake_case), {@code message} for people, {@code details} for what a
 * program may need to fix the request (e.g. the scope it lacks), and the request's id to find it in the logs.
 */
public record ApiError(String code, String message, Map<String, Object> details, Instant timestamp,
                       @JsonProperty("request_id") String requestId) {

    public ApiError {
        details = Map.copyOf(details);
    }
}
