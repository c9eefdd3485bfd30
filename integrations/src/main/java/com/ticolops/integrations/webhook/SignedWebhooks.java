package com.ticolops.integrations.webhook;

import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.net.OutboundMetrics;
import com.ticolops.integrations.net.PinnedConnections;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.http.HttpHeaders;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * POSTs JSON to a person's own endpoint, signed as the Standard Webhooks specification says
 * (https://www.standardwebhooks.com): {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and
 * {@code webhook-signature: v1,<base64 of HMAC-SHA256 over "id.timestamp.body">}, keyed with the secret's decoded
 * bytes. The id is the same on every attempt, so the receiver can drop a message it already has; the timestamp is the
 * attempt's, so a receiver's replay window holds for retries too. Written by hand: the signing is one HMAC of the
 * JDK, less than a library would bring. Like deploy hooks, the connection goes only to the
 * addresses that were checked against SSRF, and redirects are not followed.
 */
@Component
public class SignedWebhooks {

    static final String SECRET_PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;
    private static final RequestConfig TIMEOUTS = RequestConfig.custom().setConnectTimeout(10_000).setConnectionRequestTimeout(10_000)
            .setSocketTimeout(15_000).build();

    private final SecureRandom random = new SecureRandom();
    private final OutboundMetrics metrics;
    private final Clock clock;

    @Autowired
    SignedWebhooks(OutboundMetrics metrics) {
        this(metrics, Clock.systemUTC());
    }

    SignedWebhooks(OutboundMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A new secret in the specification's form: {@code whsec_} and 32 random bytes in base64. */
    public String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        random.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * Blocks until the endpoint answered 2xx.
     *
     * @param id the message's id, the same on every attempt
     * @throws IllegalStateException when it answered anything else or could not be reached, so the caller tries again
     */
    public void post(SignedWebhook target, String id, String json) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpPost post = new HttpPost(URI.create(target.url()));
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        post.setHeader(HttpHeaders.USER_AGENT, "Ticolops");
        post.setHeader("webhook-id", id);
        post.setHeader("webhook-timestamp", timestamp);
        post.setHeader("webhook-signature", signature(target.secret(), id, timestamp, json));
        GitHostAccess pinned = new GitHostAccess(target.url(), null, target.addresses());
        try (CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(PinnedConnections.manager(pinned, metrics, OutboundMetrics.Target.WEBHOOK)).disableRedirectHandling()
                .disableCookieManagement().disableAutomaticRetries().setDefaultRequestConfig(TIMEOUTS).build();
             CloseableHttpResponse response = http.execute(post)) {
            int status = response.getStatusLine().getStatusCode();
            if (status / 100 != 2) {
                throw new IllegalStateException("The webhook at " + post.getURI().getHost() + " answered " + status);
            }
        } catch (IOException e) {
            throw new IllegalStateException("The webhook at " + post.getURI().getHost() + " could not be reached: " + e.getMessage(), e);
        }
    }

    static String signature(String secret, String id, String timestamp, String body) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
            byte[] signed = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
