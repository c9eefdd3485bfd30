package com.ticolops.bot.repo;

import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostClient;
import com.ticolops.integrations.git.GitProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Which API a repository lives on, which token calls it, and at which addresses it is safe to call. */
@Component
public class GitHosts {

    private static final Logger log = LoggerFactory.getLogger(GitHosts.class);

    private final Map<GitProvider, GitHostClient> clients;
    private final GitHostProperties properties;
    private final AccessTokens tokens;
    private final BaseUrlGuard guard;
    private final Repositories repositories;

    GitHosts(List<GitHostClient> clients, GitHostProperties properties, AccessTokens tokens, Repositories repositories) {
        this.repositories = repositories;
        this.clients = clients.stream().collect(Collectors.toUnmodifiableMap(GitHostClient::provider, Function.identity()));
        this.properties = properties;
        this.tokens = tokens;
        this.guard = new BaseUrlGuard(properties.gitlab().allowedNetworks(), BaseUrlGuard::systemResolver);
    }

    GitHostClient client(GitProvider provider) {
        return clients.get(provider);
    }

    /** GitHub's API root, or the GitLab a base URL names (gitlab.com by default). */
    String apiUrl(GitProvider provider, String gitLabBaseUrl) {
        if (provider == GitProvider.GITHUB) {
            return trimmed(properties.github().apiUrl());
        }
        return gitLabBaseUrl == null ? trimmed(properties.gitlab().url()) : trimmed(gitLabBaseUrl);
    }

    /** The API a connected repository lives on; repositories connected before Ticolops kept it are on the default one. */
    String apiUrl(Repositories.Hooked repository) {
        return repository.apiUrl() != null ? repository.apiUrl() : apiUrl(repository.provider(), null);
    }

    /** A repository's API client with the address and token to call it. */
    public record Api(GitHostClient client, GitHostAccess access) {
    }

    /**
     * The API of a connected repository, for other modules to ask it things. Empty when no token for it is known (the
     * repository's own, its project's or the instance's) or when a self-hosted GitLab's address no longer passes the
     * SSRF check.
     */
    public Optional<Api> api(Repositories.Ref repository) {
        return repositories.hooked(repository.id()).flatMap(hooked -> {
            try {
                return access(hooked.projectId(), hooked.provider(), apiUrl(hooked), hooked.fullName())
                        .map(access -> new Api(client(hooked.provider()), access));
            } catch (RepoException e) {
                log.warn("The API of {} {} is not called: {}", hooked.provider().id(), hooked.fullName(), e.getMessage());
                return Optional.empty();
            }
        });
    }

    /**
     * Checks an API address against SSRF right before it is called (again each time: DNS may have changed), and pins
     * the call to the addresses checked. The addresses an administrator configured are trusted as they are.
     *
     * @throws RepoException when the address is refused
     */
    BaseUrlGuard.Checked safe(GitProvider provider, String apiUrl) {
        if (provider == GitProvider.GITHUB || apiUrl.equals(trimmed(properties.gitlab().url()))) {
            return new BaseUrlGuard.Checked(apiUrl, List.of());
        }
        return guard.check(apiUrl);
    }

    /**
     * A deploy hook URL (Vercel, Netlify, Render, any HTTPS endpoint) checked against SSRF like a self-hosted GitLab's
     * address, right before it is stored and again before each call: the call connects only to the addresses returned.
     * The hook's URL is its credential, so it goes in {@link GitHostAccess#apiUrl()} with no token.
     *
     * @throws RepoException when the address is refused (internal, metadata service, not https, unresolvable, not a URL)
     */
    public GitHostAccess hookTarget(String url) {
        BaseUrlGuard.Checked checked = guard.checkHook(url);
        return new GitHostAccess(checked.url(), null, checked.addresses());
    }

    /** The repository's own token, its project's for that host, or the instance-wide one from configuration. */
    Optional<String> token(long projectId, GitProvider provider, String apiUrl, String repository) {
        return tokens.find(projectId, provider, apiUrl, repository).or(() -> instanceToken(provider, apiUrl));
    }

    /** A token for the repository and the checked address to use it at; empty without a token. */
    Optional<GitHostAccess> access(long projectId, GitProvider provider, String apiUrl, String repository) {
        return token(projectId, provider, apiUrl, repository).map(token -> access(safe(provider, apiUrl), token));
    }

    static GitHostAccess access(BaseUrlGuard.Checked address, String token) {
        return new GitHostAccess(address.url(), token, address.addresses());
    }

    private Optional<String> instanceToken(GitProvider provider, String apiUrl) {
        String token = provider == GitProvider.GITHUB ? properties.github().token()
                : apiUrl.equals(trimmed(properties.gitlab().url())) ? properties.gitlab().token() : null;
        return Optional.ofNullable(token).filter(t -> !t.isBlank());
    }

    static String label(GitProvider provider) {
        return provider == GitProvider.GITHUB ? "GitHub" : "GitLab";
    }

    private static String trimmed(String url) {
        return url.replaceAll("/+$", "");
    }
}
