package com.ticolops.bot.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
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
