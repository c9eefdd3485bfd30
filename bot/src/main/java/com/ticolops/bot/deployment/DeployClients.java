package com.ticolops.bot.deployment;

import com.ticolops.integrations.git.DeployClient;
import com.ticolops.integrations.git.DeployHooks;
import com.ticolops.integrations.git.GitProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The providers' deploy clients (integrations), by provider; one that is not configured is refused with a reason. */
@Component
class DeployClients {

    private final Map<GitProvider, DeployClient> clients;
    private final ObjectProvider<DeployHooks> hooks;

    DeployClients(List<DeployClient> clients, ObjectProvider<DeployHooks> hooks) {
        this.clients = clients.stream().collect(Collectors.toUnmodifiableMap(DeployClient::provider, Function.identity()));
        this.hooks = hooks;
    }

    /** @throws DeploymentException NO_DEPLOY_CLIENT when this Ticolops has none for the provider */
    DeployClient of(GitProvider provider, String repository) {
        DeployClient client = clients.get(provider);
        if (client == null) {
            throw new DeploymentException(DeploymentException.Reason.NO_DEPLOY_CLIENT, repository, provider.id());
        }
        return client;
    }

    Optional<DeployClient> find(GitProvider provider) {
        return Optional.ofNullable(clients.get(provider));
    }

    /** @throws DeploymentException NO_DEPLOY_CLIENT when no deploy hook client is configured */
    DeployHooks hooks(String repository) {
        DeployHooks found = hooks.getIfAvailable();
        if (found == null) {
            throw new DeploymentException(DeploymentException.Reason.NO_DEPLOY_CLIENT, repository, "hook");
        }
        return found;
    }
}
