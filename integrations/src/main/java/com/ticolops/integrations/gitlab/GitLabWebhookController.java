package com.ticolops.integrations.gitlab;

import static com.ticolops.integrations.git.WebhookResponses.error;

import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.WebhookDeliveries;
import com.ticolops.integrations.git.WebhookResponses;
import com.ticolops.integrations.git.WebhookMetrics;
import com.ticolops.integrations.git.WebhookRefusals;
import com.ticolops.integrations.git.WebhookSecrets;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/gitlab}: checks the secret token, records the delivery once, publishes its meaning and answers
 * at once. Events we do not act on are stored and acknowledged, so GitLab never disables the hook.
 */
@RestController
@EnableConfigurationProperties(GitLabProperties.class)
class GitLabWebhookController {

    private static final Logger log = LoggerFactory.getLogger(GitLabWebhookController.class);
    static final String PROJECT = "project.path_with_namespace";
    static final String ACTION = "object_attributes.action";
    static final String EVENT_NAME = "event_name";
    static final String IID = "object_attributes.iid";
    static final String ID = "object_attributes.id";
    static final String STATUS = "object_attributes.status";
    /** What is read before GitLab4J's typed parse: the project whose secret checks the token, and the backfill's ids. */
    private static final List<String> FIELDS = List.of(PROJECT, ACTION, EVENT_NAME, IID, ID, STATUS);

    private final WebhookSecrets secrets;
    private final WebhookDeliveries deliveries;
    private final GitLabProperties properties;
    private final WebhookRefusals refusals;
    private final WebhookMetrics metrics;
    private final GitLabMissedEvents backfill;

    GitLabWebhookController(WebhookSecrets secrets, WebhookDeliveries deliveries, GitLabProperties properties, WebhookRefusals refusals,
                            GitLabMissedEvents backfill, WebhookMetrics metrics) {
        this.secrets = secrets;
        this.deliveries = deliveries;
        this.properties = properties;
        this.refusals = refusals;
        this.backfill = backfill;
        this.metrics = metrics;
    }

    /**
     * GitLab names a delivery by {@code Idempotency-Key} (the same on retries, GitLab 17.4+) or, on older versions,
     * {@code X-Gitlab-Event-UUID}.
     */
    @PostMapping("/webhooks/gitlab")
    ResponseEntity<Map<String, Object>> receive(@RequestHeader(name = "X-Gitlab-Event", required = false) String event,
                                                @RequestHeader(name = "X-Gitlab-Token", required = false) String token,
                                                @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                                @RequestHeader(name = "X-Gitlab-Event-UUID", required = false) String eventUuid,
                                                HttpServletRequest request) throws IOException {
        try {
            ResponseEntity<Map<String, Object>> response = answer(event, token, idempotencyKey, eventUuid, request);
            metrics.answered(GitProvider.GITLAB, event, response);
            return response;
        } catch (RuntimeException e) {
            metrics.unavailable(GitProvider.GITLAB);
            throw e;
        }
    }

    private ResponseEntity<Map<String, Object>> answer(String event, String token, String idempotencyKey, String eventUuid, HttpServletRequest request) throws IOException {
        if (token == null || token.isBlank()) {
            return error(HttpStatus.UNAUTHORIZED, "missing X-Gitlab-Token header: give the GitLab webhook the secret token that /ticolops repo connect showed");
        }
        String deliveryId = idempotencyKey != null && !idempotencyKey.isBlank() ? idempotencyKey : eventUuid;
        if (event == null || event.isBlank() || deliveryId == null || deliveryId.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, "missing X-Gitlab-Event or Idempotency-Key / X-Gitlab-Event-UUID header: this endpoint takes GitLab webhook deliveries");
        }
        WebhookResponses.Body body = WebhookResponses.readJsonObject(request, properties.maxPayloadSize().toBytes(), FIELDS);
        if (body.refused()) {
            return body.refusal();
        }
        String repository = body.field(PROJECT);
        WebhookResponses.Verification verification = WebhookResponses.verify(secrets, GitProvider.GITLAB, repository, properties.webhookSecret(),
                secret -> MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8)));
        if (verification == WebhookResponses.Verification.NO_SECRET) {
            return error(HttpStatus.UNAUTHORIZED, repository == null
                    ? "no webhook secret is configured for deliveries without a project (ticolops.gitlab.webhook-secret)"
                    : "project " + repository + " is not connected: run /ticolops repo connect gitlab " + repository);
        }
        if (verification == WebhookResponses.Verification.MISMATCH) {
            if (repository != null) {
                refusals.refused(GitProvider.GITLAB, repository, 401, "X-Gitlab-Token did not match");
            }
            return error(HttpStatus.UNAUTHORIZED, "X-Gitlab-Token does not match: check the webhook's secret token");
        }
        String text = body.payload();
        List<Object> events;
        try {
            events = GitLabPayloads.toEvents(event, deliveryId, text);
        } catch (IOException | RuntimeException e) {
            log.warn("GitLab delivery {} ({}) could not be read: {}", deliveryId, event, e.toString());
            if (repository != null) {
                refusals.refused(GitProvider.GITLAB, repository, 400, "unreadable " + event + " payload");
            }
            return error(HttpStatus.BAD_REQUEST, "the body is not a valid GitLab " + event + " payload");
        }
        String action = Optional.ofNullable(body.field(ACTION)).orElse(body.field(EVENT_NAME));
        // What the missed-deliveries task already published from GitLab's API is stored, not announced twice.
        boolean backfilled = repository != null && backfill.alreadyBackfilled(event, repository, body);
        boolean recorded = deliveries.record(new WebhookDeliveries.Delivery(GitProvider.GITLAB, deliveryId, event, action, repository, text),
                backfilled ? List.of() : events);
        if (!recorded) {
            return WebhookResponses.duplicate(deliveryId);
        }
        return WebhookResponses.accepted(deliveryId, event, !events.isEmpty());
    }
}
