package com.ticolops.integrations.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /slack/events}: slash commands and button clicks over HTTP. Reads the raw body (the signature covers the
 * exact bytes), lets only fresh, correctly signed requests through, and hands them to the Bolt app.
 */
@RestController
@Conditional(SlackConditions.Http.class)
class SlackEventsController {

    /** Slack's payloads are a few kilobytes; anything near this is not from Slack. */
    private static final int MAX_BODY = 1024 * 1024;

    private final App app;
    private final SlackRequestGuard guard;
    private final SlackRequestParser parser;

    SlackEventsController(App app, SlackRequestGuard guard) {
        this.app = app;
        this.guard = guard;
        this.parser = new SlackRequestParser(app.config());
    }

    @PostMapping(SlackManifest.EVENTS_PATH)
    ResponseEntity<?> receive(@RequestHeader(name = "X-Slack-Request-Timestamp", required = false) String timestamp,
                              @RequestHeader(name = "X-Slack-Signature", required = false) String signature,
                              HttpServletRequest request) throws Exception {
        if (request.getContentLengthLong() > MAX_BODY) {
            return error(HttpStatus.CONTENT_TOO_LARGE, "the body is larger than " + MAX_BODY + " bytes");
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            return error(HttpStatus.CONTENT_TOO_LARGE, "the body is larger than " + MAX_BODY + " bytes");
        }
        Optional<String> problem = guard.problem(timestamp, signature, body);
        if (problem.isPresent()) {
            return error(HttpStatus.UNAUTHORIZED, problem.get());
        }
        Request<?> slackRequest = parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(request.getRequestURI())
                .queryString(Map.of())
                .headers(new RequestHeaders(headers(request)))
                .requestBody(new String(body, StandardCharsets.UTF_8))
                .remoteAddress(request.getRemoteAddr())
                .build());
        if (slackRequest == null) {
            return error(HttpStatus.BAD_REQUEST, "not a Slack request this app handles (slash command, button click or event)");
        }
        return toResponseEntity(app.run(slackRequest));
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    private static ResponseEntity<?> toResponseEntity(Response response) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(response.getStatusCode());
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, values) -> builder.header(name, values.toArray(String[]::new)));
        }
        if (response.getContentType() != null) {
            builder.header("Content-Type", response.getContentType());
        }
        return builder.body(response.getBody() == null ? "" : response.getBody());
    }

    private static ResponseEntity<?> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
