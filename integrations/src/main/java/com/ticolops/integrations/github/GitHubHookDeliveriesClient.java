package com.ticolops.integrations.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.git.GitHubHookDeliveries;
import com.ticolops.integrations.net.OutboundMetrics;
import com.ticolops.integrations.net.OutboundMetrics.Outcome;
import com.ticolops.integrations.net.OutboundMetrics.Target;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * github-api 1.330 has no call for a hook's deliveries ({@code GET /repos/{owner}/{repo}/hooks/{id}/deliveries}), for
 * redelivering one ({@code POST .../deliveries/{id}/attempts}) nor for changing a hook's configuration ({@code PATCH
 * .../hooks/{id}/config}), so these requests are made with the JDK's HttpClient, authenticated and versioned as
 * github-api does.
 */
@Component
class GitHubHookDeliveriesClient implements GitHubHookDeliveries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final OutboundMetrics metrics;

    GitHubHookDeliveriesClient(OutboundMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * GitHub pages deliveries with a cursor: each page's {@code Link} header names the next one. Pages are read, newest
     * first, until one reaches attempts older than {@code since} or there is no next page.
     */
    @Override
    public List<Attempt> recentAttempts(GitHostAccess access, String repository, long hookId, Instant since) {
        List<Attempt> attempts = new ArrayList<>();
        URI page = uri(access, "/repos/" + repository + "/hooks/" + hookId + "/deliveries?per_page=100");
        while (page != null) {
            HttpResponse<String> response = send(access, request(access, page).GET());
            boolean older = false;
            for (JsonNode attempt : parse(response.body())) {
                String deliveredAt = attempt.path("delivered_at").asText(null);
                Instant at = deliveredAt == null ? null : Instant.parse(deliveredAt);
                older |= at != null && at.isBefore(since);
                attempts.add(new Attempt(attempt.path("id").asLong(), attempt.path("guid").asText(), attempt.path("event").asText(null),
                        attempt.path("status_code").asInt(0), attempt.path("redelivery").asBoolean(false), at));
            }
            page = older ? null : next(access, response);
        }
        return attempts;
    }

    /** The {@code rel="next"} page, followed only on GitHub's own API host: the request carries the token. */
    private static URI next(GitHostAccess access, HttpResponse<?> response) {
        Matcher next = response.headers().firstValue("Link").map(NEXT::matcher).filter(Matcher::find).orElse(null);
        if (next == null) {
            return null;
        }
        URI uri = URI.create(next.group(1));
        URI api = URI.create(access.apiUrl());
        if (!uri.getScheme().equalsIgnoreCase(api.getScheme()) || !uri.getHost().equalsIgnoreCase(api.getHost()) || uri.getPort() != api.getPort()) {
            throw new GitHostException(GitHostException.Reason.FAILED, "GitHub's next page of deliveries is on another host: " + uri.getHost(), null);
        }
        return uri;
    }

    @Override
    public void redeliver(GitHostAccess access, String repository, long hookId, long attemptId) {
        send(access, request(access, uri(access, "/repos/" + repository + "/hooks/" + hookId + "/deliveries/" + attemptId + "/attempts"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Changes the hook's {@code config} (url, content type, secret, TLS check) and nothing else of it. */
    void changeConfig(GitHostAccess access, String repository, long hookId, Map<String, String> config) {
        String body;
        try {
            body = JSON.writeValueAsString(config);
        } catch (IOException e) {
            throw new IllegalStateException("A hook's configuration could not be written as JSON", e);
        }
        send(access, request(access, uri(access, "/repos/" + repository + "/hooks/" + hookId + "/config"))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new GitHostException(GitHostException.Reason.FAILED, "GitHub's list of deliveries is not JSON", e);
        }
    }

    private static URI uri(GitHostAccess access, String path) {
        return URI.create(access.apiUrl().replaceAll("/+$", "") + path);
    }

    private static HttpRequest.Builder request(GitHostAccess access, URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("Authorization", "Bearer " + access.token());
    }

    private HttpResponse<String> send(GitHostAccess access, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = timed(request.build());
            if (response.statusCode() / 100 != 2) {
                throw new GitHostException(GitHostException.reasonFor(response.statusCode()), "GitHub answered " + response.statusCode()
                        + " to " + response.request().method() + " " + response.uri().getPath(), null);
            }
            return response;
        } catch (IOException e) {
            throw new GitHostException(GitHostException.Reason.FAILED, "GitHub (" + access.apiUrl() + ") could not be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHostException(GitHostException.Reason.FAILED, "interrupted", e);
        }
    }

    /** The JDK's HttpClient has no interceptors, so its requests are timed here, the one place they are sent. */
    private HttpResponse<String> timed(HttpRequest request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            metrics.called(Target.GITHUB, GitHubApis.outcome(response.statusCode(), name -> response.headers().firstValue(name).orElse(null)),
                    System.nanoTime() - start);
            return response;
        } catch (IOException e) {
            metrics.called(Target.GITHUB, Outcome.UNREACHABLE, System.nanoTime() - start);
            throw e;
        }
    }
}
