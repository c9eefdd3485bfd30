package com.ticolops.bot.housekeeping;

import com.ticolops.bot.rest.ApiErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns the REST API's writes away with 503 and {@code Retry-After} while the listeners are far behind
 * ({@link ListenerBackPressure#busy()}), before the request takes a pooled connection: otherwise each would commit,
 * wait for room while holding its connection, and leave the next ones none (issue 11's presence benchmark: 644 answered
 * 500 that way). Reads go on; nothing was done for a request turned away, so the client sends it again.
 */
@Configuration(proxyBeanMethods = false)
class BusyApi {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> busyApiFilter(ListenerBackPressure backPressure, ApiErrorWriter errors) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (WRITES.contains(request.getMethod()) && backPressure.busy()) {
                    errors.busy(request, response);
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/api/v1/*");
        // Before Spring Security's chain, which looks the token up in the database.
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
