package com.ticolops.bot.rest;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Every error of an {@link ApiController}, as the envelope says: a code, a sentence, details and the request id. */
@RestControllerAdvice(annotations = ApiController.class)
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler
    ResponseEntity<Envelope<Void>> refused(ApiException e, HttpServletRequest request) {
        return answer(e.status(), ApiErrorWriter.error(request, e.code(), e.getMessage(), e.details()));
    }

    @ExceptionHandler
    ResponseEntity<Envelope<Void>> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return answer(HttpStatus.BAD_REQUEST, ApiErrorWriter.error(request, "malformed_body",
                "The body is not the JSON this endpoint takes; see /v3/api-docs.", Map.of()));
    }

    @ExceptionHandler
    ResponseEntity<Envelope<Void>> badParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return answer(HttpStatus.BAD_REQUEST, ApiErrorWriter.error(request, "invalid_parameter",
                e.getName() + " must be " + (e.getRequiredType() == null ? "valid" : e.getRequiredType().getSimpleName().toLowerCase()),
                Map.of("parameter", e.getName())));
    }

    @ExceptionHandler
    ResponseEntity<Envelope<Void>> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
        return answer(HttpStatus.BAD_REQUEST, ApiErrorWriter.error(request, "missing_parameter", e.getParameterName() + " is required",
                Map.of("parameter", e.getParameterName())));
    }

    /**
     * No pooled connection came in time (the listeners behind a burst hold them) or the database is unreachable: the
     * request did nothing, and says when to try again rather than that something broke.
     */
    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class})
    ResponseEntity<Envelope<Void>> busy(RuntimeException e, HttpServletRequest request) {
        log.warn("{} {} found no database connection in time: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, String.valueOf(ApiErrorWriter.BUSY_RETRY_AFTER_SECONDS))
                .body(Envelope.failure(ApiErrorWriter.error(request, "unavailable", ApiErrorWriter.BUSY, Map.of())));
    }

    /** Never a stack trace: the id finds it in the log. */
    @ExceptionHandler
    ResponseEntity<Envelope<Void>> failed(RuntimeException e, HttpServletRequest request) {
        ApiError error = ApiErrorWriter.error(request, "internal_error", "Something went wrong; it was logged with this request's id.", Map.of());
        log.error("{} {} failed (request {})", request.getMethod(), request.getRequestURI(), error.requestId(), e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, error);
    }

    private static ResponseEntity<Envelope<Void>> answer(HttpStatus status, ApiError error) {
        return ResponseEntity.status(status).body(Envelope.failure(error));
    }
}
