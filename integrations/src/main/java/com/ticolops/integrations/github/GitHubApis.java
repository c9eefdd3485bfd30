package com.ticolops.integrations.github;

import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.HttpException;

/**
 * How every GitHub API call is made: one github-api client per call, errors in words. GitHub's API address is the
 * administrator's ({@code ticolops.github.api-url}), so there are no checked addresses to pin it to; github-api's
 * connector resolves names itself, so an access that does carry pinned addresses is refused rather than called
 * wherever DNS points.
 */
final class GitHubApis {

    private GitHubApis() {
    }

    static GitHub github(GitHostAccess access) throws IOException {
        if (!access.addresses().isEmpty()) {
            throw new GitHostException(GitHostException.Reason.FAILED, "GitHub's API is called only at the address configured in ticolops.github.api-url", null);
        }
        return new GitHubBuilder().withEndpoint(access.apiUrl()).withOAuthToken(access.token()).build();
    }

    interface Call<T> {
        T run() throws IOException;
    }

    /** github-api reports a request that got no answer as an HttpException without a status (-1). */
    static <T> T call(GitHostAccess access, Call<T> call) {
        try {
            return unwrapped(call);
        } catch (HttpException e) {
            throw e.getResponseCode() > 0 ? GitHostException.answered("GitHub", e.getResponseCode(), e) : GitHostException.unreachable(access.apiUrl(), e);
        } catch (FileNotFoundException e) {
            throw new GitHostException(GitHostException.Reason.NOT_FOUND, "GitHub answered 404", e);
        } catch (IOException e) {
            throw GitHostException.unreachable(access.apiUrl(), e);
        }
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
