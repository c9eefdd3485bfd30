package com.ticolops.bot.deployment;

import com.ticolops.bot.repo.GitHosts;
import com.ticolops.bot.repo.Repositories;
import com.ticolops.bot.repo.RepositoryConnected;
import com.ticolops.integrations.chat.AnnouncementRequested;
import com.ticolops.integrations.chat.Reply;
import com.ticolops.integrations.git.DeployClient;
import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.net.OutboundCalls;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Project type detection: reads a repository's top-level files through its API and suggests an executor and a build
 * command. Shown with {@code repo info} and in the channel a repository is connected from; never applied.
 */
@Service
public class ProjectDetection {

    private static final Logger log = LoggerFactory.getLogger(ProjectDetection.class);

    private final EnvironmentSettings settings;
    private final GitHosts hosts;
    private final DeployClients clients;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    ProjectDetection(EnvironmentSettings settings, GitHosts hosts, DeployClients clients, ApplicationEventPublisher events,
                     TransactionTemplate transaction) {
        this.settings = settings;
        this.hosts = hosts;
        this.clients = clients;
        this.events = events;
        this.transaction = transaction;
    }

    /** A repository and what it looks like; {@code suggestion} empty when its files say nothing. */
    public record Info(Repositories.Ref repository, List<Environment> environments, Optional<ProjectSuggestion> suggestion) {
    }

    /** @throws DeploymentException when the repository is unknown or its API cannot be asked */
    public Info info(long projectId, String repository) {
        Repositories.Ref repo = settings.repository(projectId, repository);
        DeployClient client = clients.of(repo.provider(), repo.fullName());
        GitHostAccess access = hosts.api(repo).map(GitHosts.Api::access)
                .orElseThrow(() -> new DeploymentException(DeploymentException.Reason.NO_API_ACCESS, repo.fullName(), repo.provider().id()));
        try {
            return new Info(repo, settings.list(projectId, repository),
                    ProjectTypes.suggest(repo.provider(), client.topLevelFiles(access, repo.fullName(), ProjectTypes.READ)));
        } catch (GitHostException e) {
            throw new DeploymentException(DeploymentException.Reason.PROVIDER_FAILED, repo.fullName(), e.getMessage());
        }
    }

    /** A repository connected with a token: the channel it was connected from hears what it looks like. */
    @Async(OutboundCalls.EXECUTOR)
    @TransactionalEventListener
    void on(RepositoryConnected connected) {
        Repositories.Ref repo = connected.repository();
        Optional<GitHostAccess> access = hosts.api(repo).map(GitHosts.Api::access);
        Optional<DeployClient> client = clients.find(repo.provider());
        if (access.isEmpty() || client.isEmpty()) {
            return;
        }
        Optional<ProjectSuggestion> suggestion;
        try {
            suggestion = ProjectTypes.suggest(repo.provider(), client.get().topLevelFiles(access.get(), repo.fullName(), ProjectTypes.READ));
        } catch (GitHostException e) {
            log.info("Could not read the top-level files of {}: {}", repo.fullName(), e.getMessage());
            return;
        }
        suggestion.ifPresent(found -> transaction.executeWithoutResult(status -> events.publishEvent(new AnnouncementRequested(connected.conversation(),
                describe(Reply.inChannel(repo.fullName() + " looks like a " + found.kind() + " (" + String.join(", ", found.evidence()) + ")."),
                        repo, found)))));
    }

    /** The suggestion as chat shows it, with the command that would apply it. */
    static Reply describe(Reply reply, Repositories.Ref repository, ProjectSuggestion suggestion) {
        if (suggestion.build() != null) {
            reply = reply.withField("Build", suggestion.build());
        }
        return reply.withField("Deploy with", suggestion.executor())
                .withField("To set it up", "/ticolops env add " + repository.fullName() + " production " + suggestion.executor()
                        + " (nothing is set up until you run it)");
    }
}
