package com.ticolops.integrations.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Guards the console API ({@code /api/v1/console/**}), its feed and its page ({@code /}) by {@code ticolops.console.mode}:
 * a refused caller gets 403 with a JSON {@code error} naming the setting.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleAccessFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ConsoleAccessFilter.class);

    private final ConsoleProperties.Mode mode;
    private final JsonMapper json;

    ConsoleAccessFilter(ConsoleProperties properties, JsonMapper json) {
        this.mode = properties.mode();
        this.json = json;
        if (mode == ConsoleProperties.Mode.SIGNED_IN) {
            log.warn("ticolops.console.mode=signed-in: sign-in does not exist yet, so the console is off");
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
        return !(path.equals("/") || path.equals("/index.html") || path.equals("/api/v1/console") || path.startsWith("/api/v1/console/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> refusal = ConsoleAccess.refusal(mode, caller(request));
        if (refusal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(Map.of("error", refusal.get())));
    }

    /**
     * Read from the container's own request, beneath any wrapper: with {@code server.forward-headers-strategy=framework}
     * Spring's ForwardedHeaderFilter wraps the request, reports the forwarded client as its remote address and hides the
     * forwarded headers, whichever of the two filters runs first.
     */
    private static ConsoleAccess.Caller caller(HttpServletRequest request) {
        ServletRequest original = request;
        while (original instanceof ServletRequestWrapper wrapper) {
            original = wrapper.getRequest();
        }
        HttpServletRequest container = (HttpServletRequest) original;
        List<String> forwardedFor = Stream.concat(headers(container, "X-Forwarded-For").stream(), headers(container, "X-Real-IP").stream()).toList();
        return new ConsoleAccess.Caller(container.getRemoteAddr(), container.getLocalAddr(), forwardedFor, headers(container, "Forwarded"));
    }

    private static List<String> headers(HttpServletRequest request, String name) {
        return Collections.list(request.getHeaders(name));
    }
}
