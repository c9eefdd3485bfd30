package com.ticolops.bot.deployment;

import com.ticolops.integrations.git.PushReceived;
import com.ticolops.integrations.net.OutboundCalls;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Deploys pushes to the branches set with {@code autodeploy}. Outside any transaction, as it asks the provider for the
 * commits shipped; the deployment is keyed by the push's delivery, so a redelivery makes none.
 */
@Component
class AutoDeploy {

    private final Deployments deployments;

    AutoDeploy(Deployments deployments) {
        this.deployments = deployments;
    }

    @Async(OutboundCalls.EXECUTOR)
    @TransactionalEventListener
    void on(PushReceived push) {
        deployments.onPush(push);
    }
}
