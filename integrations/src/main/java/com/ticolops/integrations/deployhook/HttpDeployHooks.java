package com.ticolops.integrations.deployhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticolops.integrations.git.DeployClient.DeployRequest;
import com.ticolops.integrations.git.DeployHooks;
import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.net.OutboundMetrics;
import com.ticolops.integrations.net.PinnedConnections;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.http.HttpEntity;
import org.apache.http.HttpHeaders;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.springframework.stereotype.Component;

/**
 * POSTs to deploy hook URLs with Apache HttpClient, the client whose name lookups we can answer: the connection goes to
 * the addresses checked against SSRF when the hook was stored ({@link GitHostAccess#addresses()}), never to what DNS
 * says now, and redirects are not followed (their target was never checked). The URL is the hook's secret (Vercel's
 * and Netlify's carry their key in the path), so no message names more of it than its host.
 */
@Component
class HttpDeployHooks implements DeployHooks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RequestConfig TIMEOUTS = RequestConfig.custom().setConnectTimeout(10_000).setConnectionRequestTimeout(10_000)
            .setSocketTimeout(30_000).build();
    /** Enough of an error answer for its sentence. */
    private static final int ERROR_BYTES = 4096;

    private final OutboundMetrics metrics;

    HttpDeployHooks(OutboundMetrics metrics) {
        this.metrics = metrics;
    }

    /** {@code target.token()}, when there is one, goes as a bearer token (an endpoint of one's own); the big platforms need none. */
    @Override
    public int trigger(GitHostAccess target, DeployRequest request) {
        HttpPost post = new HttpPost(URI.create(target.apiUrl()));
        post.setEntity(new StringEntity(body(request), ContentType.APPLICATION_JSON));
        post.setHeader(HttpHeaders.USER_AGENT, "Ticolops");
        if (target.token() != null && !target.token().isBlank()) {
            post.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + target.token());
        }
        try (CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(PinnedConnections.manager(target, metrics, OutboundMetrics.Target.DEPLOY_HOOK)).disableRedirectHandling()
                .disableCookieManagement().disableAutomaticRetries().setDefaultRequestConfig(TIMEOUTS).build();
             CloseableHttpResponse response = http.execute(post)) {
            int status = response.getStatusLine().getStatusCode();
            if (status / 100 != 2) {
                String said = said(response.getEntity(), response.getStatusLine().getReasonPhrase());
                throw new GitHostException(GitHostException.Reason.FAILED, platform(post.getURI()) + " answered " + status
                        + (said == null || said.isBlank() ? "" : ": " + said), null);
            }
            return status;
        } catch (IOException e) {
            throw GitHostException.unreachable(target.apiUrl(), e);
        }
    }

    private static String body(DeployRequest request) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ticolops_deployment", request.deploymentId());
        fields.put("ref", request.ref());
        fields.put("sha", request.sha());
        fields.put("environment", request.environment());
        fields.put("requested_by", request.requestedBy());
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and a number is JSON", e);
        }
    }

    /** The platforms people name, else the host. */
    private static String platform(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> known : Map.of("vercel.com", "Vercel", "netlify.com", "Netlify", "render.com", "Render").entrySet()) {
            if (host.equals(known.getKey()) || host.endsWith("." + known.getKey())) {
                return known.getValue();
            }
        }
        return host;
    }

    /**
     * What the answer says: its JSON {@code message} ({@code error.message} at Vercel, {@code error} elsewhere), else its
     * first line of text, else the status's reason phrase.
     */
    private static String said(HttpEntity entity, String reason) throws IOException {
        if (entity == null) {
            return reason;
        }
        String text;
        try (InputStream content = entity.getContent()) {
            text = new String(content.readNBytes(ERROR_BYTES), StandardCharsets.UTF_8).strip();
        }
        try {
            JsonNode answer = JSON.readTree(text);
            for (JsonNode said : new JsonNode[] {answer.path("error").path("message"), answer.path("message"), answer.path("error")}) {
                if (said.isTextual() && !said.asText().isBlank()) {
                    return excerpt(said.asText());
                }
            }
        } catch (JsonProcessingException notJson) {
            // a text or HTML answer: its first line says it
        }
        String firstLine = text.lines().findFirst().orElse("").strip();
        return firstLine.isEmpty() || firstLine.startsWith("<") ? reason : excerpt(firstLine);
    }

    private static String excerpt(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
