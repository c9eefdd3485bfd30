package com.ticolops.integrations.github;

import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.net.OutboundMetrics;
import com.ticolops.integrations.net.OutboundMetrics.Outcome;
import com.ticolops.integrations.net.OutboundMetrics.Target;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.kohsuke.github.AbuseLimitHandler;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.authorization.ImmutableAuthorizationProvider;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;
import org.springframework.stereotype.Component;

/**
 * How every GitHub API call is made: one github-api client per call, errors in words. GitHub's API address is the
 * administrator's ({@code ticolops.github.api-url}), so there are no checked addresses to pin it to; github-api's
 * connector resolves names itself, so an access that does carry pinned addresses is refused rather than called
 * wherever DNS points. Every request goes through one connector, which counts it in
 * {@code ticolops_outbound_calls_seconds}. A secondary rate limit's short pause is waited out by github-api's own
 * handler, which then sends the request again, and timed into {@code ticolops_outbound_rate_limit_waits_seconds}; a
 * used-up primary limit, or a longer pause, fails the call with when it may be tried again.
 */
@Component
class GitHubApis {

    /** The longest secondary-limit pause waited out in line (Slack's announcements wait as long at most). */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(60);
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final MeteredConnector connector;
    private final GitHubRateLimitHandler rateLimit;
    private final GitHubAbuseLimitHandler secondaryRateLimit;

    GitHubApis(OutboundMetrics metrics) {
        this.connector = new MeteredConnector(GitHubConnector.DEFAULT, metrics);
        // github-api would sleep until the primary limit resets, up to an hour, holding the thread and a user's command.
        this.rateLimit = new GitHubRateLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
                String reset = response.header("X-RateLimit-Reset");
                throw new RateLimited("GitHub's rate limit for this token is used up" + (reset == null || !reset.matches("[0-9]{1,12}") ? ""
                        : " until " + UNTIL.format(Instant.ofEpochSecond(Long.parseLong(reset)))));
            }
        };
        // A secondary limit asks for a short pause, which github-api's default waits out (the Retry-After, else a
        // minute, as GitHub asks); a longer one fails like the primary limit.
        this.secondaryRateLimit = new GitHubAbuseLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
                String retryAfter = response.header("Retry-After");
                if (retryAfter != null && retryAfter.matches("[0-9]{1,9}") && Long.parseLong(retryAfter) > LONGEST_WAIT.toSeconds()) {
                    throw new RateLimited("GitHub asks to wait " + retryAfter + " s before the next request (a secondary rate limit)");
                }
                timed(metrics, () -> AbuseLimitHandler.WAIT.onError(response));
            }
        };
    }

    /** GitHub's limit is reached, and waiting it out is not worth the thread: the call fails with this message. */
    private static final class RateLimited extends IOException {
        RateLimited(String message) {
            super(message);
        }
    }

    private interface Wait {
        void run() throws IOException;
    }

    private static void timed(OutboundMetrics metrics, Wait wait) throws IOException {
        long start = System.nanoTime();
        try {
            wait.run();
        } finally {
            metrics.waited(Target.GITHUB, System.nanoTime() - start);
        }
    }

    GitHub github(GitHostAccess access) throws IOException {
        if (!access.addresses().isEmpty()) {
            throw new GitHostException(GitHostException.Reason.FAILED, "GitHub's API is called only at the address configured in ticolops.github.api-url", null);
        }
        // A plain Authorization header rather than withOAuthToken: that one makes github-api ask GitHub for the token's
        // login (GET /user) as it builds the client, one request more against the rate limit for every call we make.
        return new GitHubBuilder().withEndpoint(access.apiUrl()).withAuthorizationProvider(new ImmutableAuthorizationProvider("token " + access.token()))
                .withConnector(connector)
                .withRateLimitHandler(rateLimit).withAbuseLimitHandler(secondaryRateLimit).build();
    }

    /**
     * GitHub says "slow down" with a 429, or with a 403 that names the limit: {@code X-RateLimit-Remaining: 0} (the
     * primary limit), {@code Retry-After} or {@code gh-limited-by} (a secondary one), as github-api tells them apart.
     */
    static Outcome outcome(int status, UnaryOperator<String> header) {
        if (status == 403 && ("0".equals(header.apply("X-RateLimit-Remaining")) || header.apply("Retry-After") != null
                || header.apply("gh-limited-by") != null)) {
            return Outcome.RATE_LIMITED;
        }
        return Outcome.of(status);
    }

    /**
     * github-api's default connector, each request timed to its answer. A redirect is a success here: github-api follows
     * it (a job's log is one), and the request that follows is counted too.
     */
    private record MeteredConnector(GitHubConnector connector, OutboundMetrics metrics) implements GitHubConnector {

        @Override
        public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
            long start = System.nanoTime();
            try {
                GitHubConnectorResponse response = connector.send(request);
                int status = response.statusCode();
                metrics.called(Target.GITHUB, status / 100 == 3 ? Outcome.SUCCESS : outcome(status, response::header), System.nanoTime() - start);
                return response;
            } catch (IOException e) {
                metrics.called(Target.GITHUB, Outcome.UNREACHABLE, System.nanoTime() - start);
                throw e;
            }
        }
    }

    interface Call<T> {
        T run() throws IOException;
    }

    /** github-api reports a request that got no answer as an HttpException without a status (-1). */
    static <T> T call(GitHostAccess access, Call<T> call) {
        try {
            return unwrapped(call);
        } catch (IOException e) {
            throw failure(access, e);
        }
    }

    /** github-api hands a rate-limit handler's refusal on inside the HttpException of the refused request. */
    private static GitHostException failure(GitHostAccess access, IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RateLimited limited) {
                return new GitHostException(GitHostException.Reason.FAILED, limited.getMessage(), e);
            }
        }
        if (e instanceof HttpException http) {
            return http.getResponseCode() > 0 ? GitHostException.answered("GitHub", http.getResponseCode(), e) : GitHostException.unreachable(access.apiUrl(), e);
        }
        if (e instanceof FileNotFoundException) {
            return new GitHostException(GitHostException.Reason.NOT_FOUND, "GitHub answered 404", e);
        }
        return GitHostException.unreachable(access.apiUrl(), e);
    }

    /** github-api's paged lists fail while iterating, with the request's IOException inside a GHException. */
    static <T> T unwrapped(Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (GHException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }
}
