package com.ticolops.bot.repo;

import static com.ticolops.bot.repo.RepoException.Reason.ALREADY_CONNECTED;
import static com.ticolops.bot.repo.RepoException.Reason.AMBIGUOUS;
import static com.ticolops.bot.repo.RepoException.Reason.BASE_URL_FOR_GITHUB;
import static com.ticolops.bot.repo.RepoException.Reason.GRACE_TOO_LONG;
import static com.ticolops.bot.repo.RepoException.Reason.HOST_REFUSED;
import static com.ticolops.bot.repo.RepoException.Reason.NOT_A_BRANCH;
import static com.ticolops.bot.repo.RepoException.Reason.NOT_A_REPOSITORY;
import static com.ticolops.bot.repo.RepoException.Reason.NOT_A_TOKEN;
import static com.ticolops.bot.repo.RepoException.Reason.NOT_CONNECTED;
import static com.ticolops.bot.repo.RepoException.Reason.TOKEN_REFUSED;

import com.ticolops.bot.command.ProjectRef;
import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostClient;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.WebhookEvent;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The repository use cases: connect, set a token, list with the webhooks' health, rotate a webhook secret, disconnect. Chat commands call them;
 * the REST API and the settings page will too.
 *
 * <p>Calls to GitHub and GitLab are made outside any database transaction, and each change is written in a short
 * transaction of its own together with the events it publishes: a provider that takes seconds to answer holds no
 * database connection meanwhile. Run these methods outside a transaction.
 */
@Service
public class RepoService {

    private static final Logger log = LoggerFactory.getLogger(RepoService.class);
    /** {@code owner/name}, or a GitHub URL to it (https or ssh, with or without {@code .git}). */
    private static final Pattern GITHUB_REPOSITORY = Pattern.compile(
            "^(?:(?:https?://)?(?:www\\.)?github\\.com[/:]|git@github\\.com:)?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/([A-Za-z0-9._-]{1,100}?)(?:\\.git)?/?$");
    /** GitLab paths nest groups: {@code group/subgroup/name}, optionally as an https URL with {@code .git}. */
    private static final Pattern GITLAB_REPOSITORY = Pattern.compile(
            "^(https://[A-Za-z0-9.-]+(?::[0-9]{1,5})?)?/?((?:[A-Za-z0-9_.][A-Za-z0-9_.-]{0,254}/){1,20}[A-Za-z0-9_.][A-Za-z0-9_.-]{0,254}?)(?:\\.git)?/?$");
    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9._/-]{1,200}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.:-]{8,512}");
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");
    /** How far back {@link #list} counts refused deliveries. */
    public static final Duration REFUSALS_WINDOW = Duration.ofHours(24);

    private final Repositories repositories;
    private final AccessTokens tokens;
    private final WebhookHealth health;
    private final GitHosts hosts;
    private final RepositoryProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    RepoService(Repositories repositories, AccessTokens tokens, WebhookHealth health, GitHosts hosts, RepositoryProperties properties,
                ApplicationEventPublisher events, TransactionTemplate transaction) {
        this.repositories = repositories;
        this.tokens = tokens;
        this.health = health;
        this.hosts = hosts;
        this.properties = properties;
        this.events = events;
        this.transaction = transaction;
    }

    /**
     * A connected repository and its webhook.
     *
     * @param webUrl     the repository's page
     * @param webhookUrl where its webhook delivers
     * @param hookId     the webhook registered through the API, or null when the user adds it by hand
     * @param secret     the webhook's secret, only when the user adds the webhook by hand: it is never available again
     * @param events     the events the webhook sends, or must be set to send
     */
    public record Connection(GitProvider provider, String fullName, String projectName, String webUrl, String webhookUrl, Long hookId,
                             String secret, List<WebhookEvent> events) {
    }

    /**
     * Connects a repository to a project. With a token for it, its webhook is registered through the API, with a secret
     * nobody needs to see; without one, the user gets the secret to add the webhook by hand.
     *
     * @param repository owner/name, group/subgroup/name, or a URL to it
     * @param branch     its main branch, or null
     * @param baseUrl    a self-hosted GitLab's address, or null for the one the repository's URL names or the default
     * @throws RepoException when a rule, the SSRF guard or the provider refuses; nothing is stored then
     */
    public Connection connect(ProjectRef project, Requester by, GitProvider provider, String repository, String branch, String baseUrl) {
        Location location = (provider == GitProvider.GITHUB ? github(repository) : gitlab(repository))
                .orElseThrow(() -> new RepoException(NOT_A_REPOSITORY, provider, repository));
        if (baseUrl != null && provider == GitProvider.GITHUB) {
            throw new RepoException(BASE_URL_FOR_GITHUB, provider, baseUrl);
        }
        if (branch != null && !BRANCH.matcher(branch).matches()) {
            throw new RepoException(NOT_A_BRANCH, provider, branch);
        }
        String fullName = location.fullName();
        repositories.connected(provider, fullName).ifPresent(existing -> {
            throw new RepoException(ALREADY_CONNECTED, provider, existing.fullName(), existing.projectName());
        });
        String apiUrl = hosts.apiUrl(provider, baseUrl != null ? baseUrl : location.baseUrl());
        Optional<String> token = hosts.token(project.id(), provider, apiUrl, fullName);
        BaseUrlGuard.Checked address = checked(provider, apiUrl, token.isPresent());
        String webUrl = webUrl(provider, apiUrl, fullName);
        String webhookUrl = properties.webhookUrl(provider.id());
        GitHostClient client = hosts.client(provider);
        String secret = newSecret();
        if (token.isEmpty()) {
            store(project, by, provider, fullName, branch, secret, null, apiUrl);
            return new Connection(provider, fullName, project.name(), webUrl, webhookUrl, null, secret, client.webhookEvents());
        }
        GitHostAccess access = GitHosts.access(address, token.get());
        long hookId;
        try {
            client.checkHookAccess(access, fullName);
            hookId = client.createHook(access, fullName, webhookUrl, secret);
        } catch (GitHostException e) {
            throw new RepoException(HOST_REFUSED, provider, fullName, e);
        }
        try {
            store(project, by, provider, fullName, branch, secret, hookId, apiUrl);
        } catch (RuntimeException e) {
            // Someone connected it at the same moment: the hook just made would only bring refused deliveries.
            client.deleteHook(access, fullName, hookId);
            throw e;
        }
        return new Connection(provider, fullName, project.name(), webUrl, webhookUrl, hookId, null, client.webhookEvents());
    }

    /**
     * Checked with or without a token: a refused address is never stored, as every later call to it would be refused.
     * Only a host Ticolops cannot resolve is let through when there is no token: its webhook, added by hand, can still
     * deliver (a GitLab inside a VPN), and nothing calls it until a token for it passes the check.
     */
    private BaseUrlGuard.Checked checked(GitProvider provider, String apiUrl, boolean willCall) {
        try {
            return hosts.safe(provider, apiUrl);
        } catch (RepoException e) {
            if (e.reason() == RepoException.Reason.UNRESOLVABLE && !willCall) {
                return null;
            }
            throw e;
        }
    }

    private void store(ProjectRef project, Requester by, GitProvider provider, String fullName, String branch, String secret, Long hookId,
                       String apiUrl) {
        transaction.executeWithoutResult(status -> {
            long id = repositories.connect(project.id(), provider, fullName, branch, secret, by.userId(), hookId, apiUrl);
            events.publishEvent(new RepositoryConnected(new Repositories.Ref(id, project.id(), provider, fullName), project.name(), by));
        });
    }

    /**
     * A saved token.
     *
     * @param owner      the login or username the token belongs to
     * @param apiUrl     the API it was checked against and will be used with
     * @param repository the one repository it is for, or null for all of the project's repositories on that API
     */
    public record TokenSaved(GitProvider provider, String owner, String apiUrl, String repository) {
    }

    /**
     * Checks a token with one API call and stores it encrypted. A token for a connected repository is checked against
     * and used with that repository's own API.
     *
     * @param repository one repository (owner/name) the token is for, or null for all of the project's on that API
     * @param baseUrl    a self-hosted GitLab's address, or null for the repository's own or the default
     * @throws RepoException when a rule, the SSRF guard or the provider refuses; nothing is stored then
     */
    public TokenSaved setToken(ProjectRef project, long userId, GitProvider provider, String token, String repository, String baseUrl) {
        if (!TOKEN.matcher(token).matches()) {
            throw new RepoException(NOT_A_TOKEN, provider, null);
        }
        if (repository != null && !REPOSITORY.matcher(repository).matches()) {
            throw new RepoException(NOT_A_REPOSITORY, provider, repository);
        }
        if (baseUrl != null && provider == GitProvider.GITHUB) {
            throw new RepoException(BASE_URL_FOR_GITHUB, provider, baseUrl);
        }
        String apiUrl = baseUrl != null ? hosts.apiUrl(provider, baseUrl)
                : Optional.ofNullable(repository).flatMap(name -> connectedApiUrl(project, provider, name)).orElse(hosts.apiUrl(provider, null));
        GitHostAccess access = GitHosts.access(hosts.safe(provider, apiUrl), token);
        String owner;
        try {
            owner = hosts.client(provider).tokenOwner(access);
        } catch (GitHostException e) {
            throw new RepoException(TOKEN_REFUSED, provider, apiUrl, e);
        }
        tokens.store(project.id(), provider, apiUrl, repository, token, userId);
        return new TokenSaved(provider, owner, apiUrl, repository);
    }

    private Optional<String> connectedApiUrl(ProjectRef project, GitProvider provider, String repository) {
        return repositories.named(project.id(), repository).stream().filter(ref -> ref.provider() == provider).findFirst()
                .flatMap(ref -> repositories.hooked(ref.id())).map(hosts::apiUrl);
    }

    /** What became of a disconnected repository's webhook. */
    public enum HookRemoval {
        /** The user added it by hand, and must remove it by hand. */
        ADDED_BY_HAND,
        REMOVED,
        ALREADY_GONE,
        /** No token is known any more to remove it with. */
        NO_TOKEN,
        /** The API's address no longer passes the SSRF check: not called. */
        ADDRESS_REFUSED,
        /** The API refused or failed. */
        FAILED
    }

    /**
     * A disconnected repository.
     *
     * @param problem why the webhook was not removed, for {@link HookRemoval#ADDRESS_REFUSED} and {@link HookRemoval#FAILED}; else null
     */
    public record Disconnection(GitProvider provider, String fullName, String projectName, HookRemoval hook, RepoException problem) {
    }

    /**
     * Removes the webhook Ticolops registered, then the repository with its subscriptions and its own token.
     *
     * <p>When the hook cannot be removed (token revoked, provider down) the repository is disconnected all the same: its
     * secret is gone with it, so every further delivery is refused and nothing is announced, and keeping a repository
     * the user wants gone because of an expired token would leave them stuck.
     *
     * @param provider which one, when a GitHub and a GitLab repository share the name; else null
     * @throws RepoException when the project has no such repository, or two
     */
    public Disconnection disconnect(ProjectRef project, Requester by, String name, GitProvider provider) {
        Repositories.Ref ref = one(project, name, provider);
        Repositories.Hooked repository = repositories.hooked(ref.id()).orElseThrow();
        Disconnection disconnection = removeHook(project, repository);
        transaction.executeWithoutResult(status -> {
            repositories.disconnect(repository.id());
            tokens.forgetRepository(project.id(), repository.provider(), repository.fullName());
            events.publishEvent(new RepositoryDisconnected(ref, project.name(), by));
        });
        return disconnection;
    }

    /** @throws RepoException when the project has no such repository, or two */
    private Repositories.Ref one(ProjectRef project, String name, GitProvider provider) {
        List<Repositories.Ref> named = repositories.named(project.id(), name).stream()
                .filter(ref -> provider == null || ref.provider() == provider).toList();
        if (named.isEmpty()) {
            throw new RepoException(NOT_CONNECTED, provider, name, project.name());
        }
        if (named.size() > 1) {
            throw new RepoException(AMBIGUOUS, null, name);
        }
        return named.get(0);
    }

    /** How a rotated secret reaches the webhook. */
    public enum SecretChange {
        /** Ticolops changed the webhook it registered. */
        UPDATED,
        /** The user added the webhook by hand, and changes its secret by hand. */
        BY_HAND,
        /** Ticolops registered the webhook, but no token is known any more to change it with: by hand. */
        NO_TOKEN
    }

    /**
     * A rotated webhook secret.
     *
     * @param secret                the new secret, only when the user changes the webhook by hand: it is never available again
     * @param previousAcceptedUntil until when deliveries signed with the replaced secret are still accepted; null when they are refused already
     */
    public record Rotation(GitProvider provider, String fullName, String projectName, String webUrl, String webhookUrl, Long hookId,
                           SecretChange change, String secret, Instant previousAcceptedUntil) {
    }

    /** How long the replaced secret stays accepted when Ticolops changes the webhook: deliveries the provider signed just before. */
    public static final Duration GRACE_WHEN_REGISTERED = Duration.ofHours(1);
    /** How long the replaced secret stays accepted when the user changes the webhook: time to open its settings. */
    public static final Duration GRACE_BY_HAND = Duration.ofDays(1);
    public static final Duration LONGEST_GRACE = Duration.ofDays(7);
    /** How long the replaced secret stays accepted at least while the provider is asked to switch, even when it is to go at once. */
    private static final Duration WHILE_SWITCHING = Duration.ofMinutes(5);

    /**
     * Replaces a repository's webhook secret, for one that leaked or as routine. The new secret is stored before the
     * provider is told, so the first delivery it signs with it is accepted, and the replaced one is still accepted for
     * {@code grace}: deliveries already signed with it, or the time until the user has changed a webhook added by hand.
     * When the provider refuses the change, the replaced secret is put back and nothing has changed.
     *
     * @param provider which one, when a GitHub and a GitLab repository share the name; else null
     * @param grace    how long the replaced secret stays accepted (zero: refused once the webhook is changed), or null for
     *                 {@link #GRACE_WHEN_REGISTERED} or {@link #GRACE_BY_HAND}
     * @throws RepoException when the project has no such repository (or two), the grace is longer than
     *                       {@link #LONGEST_GRACE}, or the provider refuses; nothing is changed then
     */
    public Rotation rotateSecret(ProjectRef project, Requester by, String name, GitProvider provider, Duration grace) {
        if (grace != null && (grace.isNegative() || grace.compareTo(LONGEST_GRACE) > 0)) {
            throw new RepoException(GRACE_TOO_LONG, provider, name);
        }
        Repositories.Ref ref = one(project, name, provider);
        Repositories.Hooked repository = repositories.hooked(ref.id()).orElseThrow();
        Optional<GitHostAccess> access = repository.hookId() == null ? Optional.empty()
                : hosts.access(project.id(), repository.provider(), hosts.apiUrl(repository), repository.fullName());
        SecretChange change = repository.hookId() == null ? SecretChange.BY_HAND : access.isEmpty() ? SecretChange.NO_TOKEN : SecretChange.UPDATED;
        Instant now = clock.instant();
        Instant until = now.plus(grace != null ? grace : change == SecretChange.UPDATED ? GRACE_WHEN_REGISTERED : GRACE_BY_HAND);
        String secret = newSecret();
        String webUrl = webUrl(repository.provider(), hosts.apiUrl(repository), repository.fullName());
        String webhookUrl = properties.webhookUrl(repository.provider().id());
        if (change != SecretChange.UPDATED) {
            transaction.executeWithoutResult(status -> {
                repositories.rotateSecret(repository.id(), secret, until);
                events.publishEvent(new WebhookSecretRotated(ref, project.name(), by));
            });
            return new Rotation(repository.provider(), repository.fullName(), project.name(), webUrl, webhookUrl, repository.hookId(), change,
                    secret, until.isAfter(now) ? until : null);
        }
        Instant whileSwitching = until.isAfter(now.plus(WHILE_SWITCHING)) ? until : now.plus(WHILE_SWITCHING);
        Instant rotatedAt = transaction.execute(status -> repositories.rotateSecret(repository.id(), secret, whileSwitching));
        try {
            hosts.client(repository.provider()).changeHookSecret(access.get(), repository.fullName(), repository.hookId(), webhookUrl, secret);
        } catch (GitHostException e) {
            log.warn("Could not change the secret of webhook {} of {}: {}", repository.hookId(), repository.fullName(), e.getMessage());
            transaction.executeWithoutResult(status -> repositories.undoRotation(repository.id(), rotatedAt));
            throw new RepoException(HOST_REFUSED, repository.provider(), repository.fullName(), e);
        }
        Instant switched = clock.instant();
        transaction.executeWithoutResult(status -> {
            repositories.acceptPreviousSecretUntil(repository.id(), rotatedAt, until, switched);
            events.publishEvent(new WebhookSecretRotated(ref, project.name(), by));
        });
        return new Rotation(repository.provider(), repository.fullName(), project.name(), webUrl, webhookUrl, repository.hookId(), change, null,
                until.isAfter(switched) ? until : null);
    }

    private Disconnection removeHook(ProjectRef project, Repositories.Hooked repository) {
        if (repository.hookId() == null) {
            return disconnection(project, repository, HookRemoval.ADDED_BY_HAND, null);
        }
        Optional<GitHostAccess> access;
        try {
            access = hosts.access(project.id(), repository.provider(), hosts.apiUrl(repository), repository.fullName());
        } catch (RepoException refused) {
            return disconnection(project, repository, HookRemoval.ADDRESS_REFUSED, refused);
        }
        if (access.isEmpty()) {
            return disconnection(project, repository, HookRemoval.NO_TOKEN, null);
        }
        try {
            boolean removed = hosts.client(repository.provider()).deleteHook(access.get(), repository.fullName(), repository.hookId());
            return disconnection(project, repository, removed ? HookRemoval.REMOVED : HookRemoval.ALREADY_GONE, null);
        } catch (GitHostException e) {
            log.warn("Could not remove webhook {} of {}: {}", repository.hookId(), repository.fullName(), e.getMessage());
            return disconnection(project, repository, HookRemoval.FAILED,
                    new RepoException(HOST_REFUSED, repository.provider(), repository.fullName(), e));
        }
    }

    private static Disconnection disconnection(ProjectRef project, Repositories.Hooked repository, HookRemoval hook, RepoException problem) {
        return new Disconnection(repository.provider(), repository.fullName(), project.name(), hook, problem);
    }

    /** Deliveries our webhook endpoints refused for a repository. */
    public record Refusals(int count, String lastReason, Instant lastAt) {
    }

    /**
     * A connected repository and how its webhook is doing.
     *
     * @param refusals            deliveries refused within {@link #REFUSALS_WINDOW}, if any
     * @param previousSecretUntil until when the webhook secret replaced last is still accepted, if it still is
     */
    public record Health(GitProvider provider, String fullName, String defaultBranch, boolean hookRegistered, Optional<Instant> lastDelivery,
                         Optional<Refusals> refusals, Optional<Instant> secretRotatedAt, Optional<Instant> previousSecretUntil) {
    }

    /** The project's repositories with their webhooks' health, by provider and name. */
    public List<Health> list(long projectId) {
        Instant since = clock.instant().minus(REFUSALS_WINDOW);
        return repositories.of(projectId).stream().map(connected -> {
            Repositories.Hooked repository = repositories.hooked(connected.id()).orElseThrow();
            return new Health(connected.provider(), connected.fullName(), connected.defaultBranch(), repository.hookId() != null,
                    repositories.lastDelivery(repository), health.refusalsSince(repository.id(), since), repository.secretRotatedAt(),
                    repository.previousSecretUntil());
        }).toList();
    }

    private static Optional<Location> github(String typed) {
        Matcher matcher = GITHUB_REPOSITORY.matcher(typed);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String fullName = matcher.group(1) + "/" + matcher.group(2);
        return Optional.of(new Location(fullName, null));
    }

    /** {@code group/subgroup/name}, or its https URL on gitlab.com or a self-hosted GitLab. */
    private static Optional<Location> gitlab(String typed) {
        Matcher matcher = GITLAB_REPOSITORY.matcher(typed);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Location(matcher.group(2), matcher.group(1)));
    }

    /** @param baseUrl the GitLab the typed URL named, or null when only the path was typed */
    private record Location(String fullName, String baseUrl) {
    }

    /** The repository's page: on github.com, or on its own GitLab. */
    private static String webUrl(GitProvider provider, String apiUrl, String fullName) {
        return provider == GitProvider.GITHUB ? "https://github.com/" + fullName : apiUrl + "/" + fullName;
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
