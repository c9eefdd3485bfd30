package com.ticolops.integrations.git;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * While the database is unreachable a delivery cannot be recorded, so it is not acknowledged: 503 with a JSON error,
 * as soon as the pool gives up waiting for a connection (spring.datasource.hikari.connection-timeout), well within
 * GitHub's 10 s. GitHub and GitLab count it as failed and it is delivered again (GitHub's through the missed-deliveries
 * task). Only the webhook controllers, in these two packages, answer this way.
 */
@RestControllerAdvice(basePackages = {"com.ticolops.integrations.github", "com.ticolops.integrations.gitlab"})
class WebhookDatabaseOutage {

    private static final Logger log = LoggerFactory.getLogger(WebhookDatabaseOutage.class);

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class, CannotCreateTransactionException.class})
    ResponseEntity<Map<String, Object>> databaseUnavailable(Exception e) {
        log.warn("A webhook delivery was refused with 503, the database is unavailable: {}", e.toString());
        return WebhookResponses.error(HttpStatus.SERVICE_UNAVAILABLE,
                "Ticolops cannot reach its database, so the delivery was not recorded: deliver it again later");
    }
}
