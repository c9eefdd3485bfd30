package com.ticolops.bot.housekeeping;

import com.ticolops.bot.rest.ApiErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns the REST API's writes away with 503 and {@code Retry-After} while the listeners are far behind
 * ({@link ListenerBackPressure#busy()}), before the request takes a pooled connection: otherwise each would commit,
 * wait for room while holding its connection, and leave the next ones none (issue 11's presence benchmark: 644 answered
 * 500 that way). Reads go on; nothing was done for a request turned away, so the client sends it again. A request
 * that finds no pooled connection while its token is looked up is answered the same way.
 */
@Configuration(proxyBeanMethods = false)
class BusyApi {

    private static final Logger log = LoggerFactory.getLogger(BusyApi.class);

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
                try {
                    chain.doFilter(request, response);
                } catch (CannotGetJdbcConnectionException | CannotCreateTransactionException e) {
                    // Before the controllers (whose errors ApiErrors answers): Spring Security looking the token up.
                    // Otherwise a 500 with a stack trace in the log, for a request that did nothing and may come again.
                    if (response.isCommitted()) {
                        throw e;
                    }
                    log.warn("{} {} found no database connection in time: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
                    errors.busy(request, response);
                }
            }
        });
        registration.addUrlPatterns("/api/v1/*");
        // Before Spring Security's chain, which looks the token up in the database.
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
