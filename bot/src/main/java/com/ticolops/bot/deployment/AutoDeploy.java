package com.ticolops.bot.deployment;

import com.ticolops.bot.repo.Repositories;
import com.ticolops.integrations.git.PushReceived;
import com.ticolops.integrations.net.OutboundCalls;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Deploys pushes to the branches set with {@code autodeploy}. Outside any transaction, as it asks the provider for the
 * commits shipped; the deployment is keyed by the push's delivery, so a redelivery makes none.
 * <p>
 * Whether a push deploys anything is asked while it is published ({@link #deploys}): most do not, and a push this
 * listener has nothing to do for then costs no event publication, no thread and no transaction (issue 9).
 */
@Component
class AutoDeploy {

    private final Deployments deployments;
    private final Repositories repositories;
    private final Environments environments;

    AutoDeploy(Deployments deployments, Repositories repositories, Environments environments) {
        this.deployments = deployments;
        this.repositories = repositories;
        this.environments = environments;
    }

    @Async(OutboundCalls.EXECUTOR)
    @TransactionalEventListener(condition = "@autoDeploy.deploys(#push)")
    void on(PushReceived push) {
        deployments.onPush(push);
    }

    /** A push to a branch some environment of a connected repository deploys on. Public: the condition calls it on the proxy. */
    public boolean deploys(PushReceived push) {
        return !push.deleted() && !push.isTag() && repositories.find(push.provider(), push.repository())
                .filter(repository -> environments.anyAutodeployed(repository, push.branch())).isPresent();
    }
}
