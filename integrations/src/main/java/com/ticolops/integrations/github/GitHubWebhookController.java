package com.ticolops.integrations.github;

import static com.ticolops.integrations.git.WebhookResponses.error;

import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.WebhookDeliveries;
import com.ticolops.integrations.git.WebhookMetrics;
import com.ticolops.integrations.git.WebhookRefusals;
import com.ticolops.integrations.git.WebhookSecrets;
import com.ticolops.integrations.git.WebhookResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/github}: checks the signature over the raw body, records the delivery once, publishes its
 * meaning and answers at once; listeners do the work after the commit.
 */
@RestController
@EnableConfigurationProperties(GitHubProperties.class)
class GitHubWebhookController {

    private static final Logger log = LoggerFactory.getLogger(GitHubWebhookController.class);
    private static final String REPOSITORY = "repository.full_name";
    private static final String ACTION = "action";

    private final WebhookSecrets secrets;
    private final WebhookDeliveries deliveries;
    private final GitHubProperties properties;
    private final WebhookRefusals refusals;
    private final WebhookMetrics metrics;

    GitHubWebhookController(WebhookSecrets secrets, WebhookDeliveries deliveries, GitHubProperties properties, WebhookRefusals refusals,
                            WebhookMetrics metrics) {
        this.secrets = secrets;
        this.deliveries = deliveries;
        this.properties = properties;
        this.refusals = refusals;
        this.metrics = metrics;
    }

    @PostMapping("/webhooks/github")
    ResponseEntity<Map<String, Object>> receive(@RequestHeader(name = "X-GitHub-Event", required = false) String event,
                                                @RequestHeader(name = "X-GitHub-Delivery", required = false) String deliveryId,
                                                @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature,
                                                HttpServletRequest request) throws IOException {
        try {
            ResponseEntity<Map<String, Object>> response = answer(event, deliveryId, signature, request);
            metrics.answered(GitProvider.GITHUB, event, response);
            return response;
        } catch (RuntimeException e) {
            metrics.unavailable(GitProvider.GITHUB);
            throw e;
        }
    }

    private ResponseEntity<Map<String, Object>> answer(String event, String deliveryId, String signature, HttpServletRequest request) throws IOException {
        if (signature == null || signature.isBlank()) {
            return error(HttpStatus.UNAUTHORIZED, "missing X-Hub-Signature-256 header: give the GitHub webhook the secret that /ticolops repo connect showed");
        }
        if (event == null || event.isBlank() || deliveryId == null || deliveryId.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, "missing X-GitHub-Event or X-GitHub-Delivery header: this endpoint takes GitHub webhook deliveries");
        }
        WebhookResponses.Body body = WebhookResponses.readJsonObject(request, properties.maxPayloadSize().toBytes(), List.of(REPOSITORY, ACTION));
        if (body.refused()) {
            return body.refusal();
        }
        String repository = body.field(REPOSITORY);
        WebhookResponses.Verification verification = WebhookResponses.verify(secrets, GitProvider.GITHUB, repository, properties.webhookSecret(),
                secret -> GitHubSignature.matches(secret, body.bytes(), signature));
        if (verification == WebhookResponses.Verification.NO_SECRET) {
            return error(HttpStatus.UNAUTHORIZED, repository == null
                    ? "no webhook secret is configured for deliveries without a repository (ticolops.github.webhook-secret)"
                    : "repository " + repository + " is not connected: run /ticolops repo connect github " + repository);
        }
        if (verification == WebhookResponses.Verification.MISMATCH) {
            if (repository != null) {
                refusals.refused(GitProvider.GITHUB, repository, 401, "X-Hub-Signature-256 did not match");
            }
            return error(HttpStatus.UNAUTHORIZED, "X-Hub-Signature-256 does not match the body: check the webhook's secret");
        }
        String text = body.payload();
        List<Object> events;
        try {
            events = GitHubPayloads.toEvents(event, deliveryId, text);
        } catch (IOException | RuntimeException e) {
            log.warn("GitHub delivery {} ({}) could not be read: {}", deliveryId, event, e.toString());
            if (repository != null) {
                refusals.refused(GitProvider.GITHUB, repository, 400, "unreadable " + event + " payload");
            }
            return error(HttpStatus.BAD_REQUEST, "the body is not a valid GitHub " + event + " payload");
        }
        String action = body.field(ACTION);
        boolean recorded = deliveries.record(new WebhookDeliveries.Delivery(GitProvider.GITHUB, deliveryId, event, action, repository, text), events);
        if (!recorded) {
            return WebhookResponses.duplicate(deliveryId);
        }
        if ("ping".equals(event)) {
            return ResponseEntity.ok(Map.of("status", "pong", "delivery", deliveryId));
        }
        return WebhookResponses.accepted(deliveryId, event, !events.isEmpty());
    }
}
