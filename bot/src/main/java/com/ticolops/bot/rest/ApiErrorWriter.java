package com.ticolops.bot.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes an error envelope where no controller answers: the security filters' 401 and 403. */
@Component
public class ApiErrorWriter {

    private final JsonMapper json;

    ApiErrorWriter(JsonMapper json) {
        this.json = json;
    }

    /** How long a caller turned away as too busy should wait before it tries again. */
    static final int BUSY_RETRY_AFTER_SECONDS = 5;
    static final String BUSY = "Ticolops is too busy to take this now; nothing was done. Try again in a few seconds.";

    /** 503 with {@code Retry-After}: the request did nothing, and may be sent again shortly. */
    public void busy(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(BUSY_RETRY_AFTER_SECONDS));
        write(request, response, HttpStatus.SERVICE_UNAVAILABLE.value(), "unavailable", BUSY, Map.of());
    }

    public void write(HttpServletRequest request, HttpServletResponse response, int status, String code, String message,
                      Map<String, Object> details) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(Envelope.failure(error(request, code, message, details))));
    }

    static ApiError error(HttpServletRequest request, String code, String message, Map<String, Object> details) {
        return new ApiError(code, message, details, Instant.now(), RequestIds.of(request));
    }
}
