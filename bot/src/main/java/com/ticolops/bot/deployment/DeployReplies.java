package com.ticolops.bot.deployment;

import com.ticolops.integrations.chat.Reply;
import java.time.Duration;
import java.time.Instant;

/** What a deploy or a rollback answers at once; its progress is the deployment's own message. */
final class DeployReplies {

    private DeployReplies() {
    }

    static Reply of(Deployments.Outcome outcome) {
        if (outcome instanceof Deployments.Started started) {
            Deployment deployment = started.deployment();
            String verb = deployment.rollbackOf() == null ? "Deploying " + deployment.shortSha() + " to " + deployment.environment()
                    : "Rolling back " + deployment.environment() + " to " + deployment.shortSha();
            Reply reply = Reply.privately(verb + "…").withField("Deployment", "#" + deployment.id());
            return deployment.commitsListed() ? reply.withField("Ships", DeploymentMessages.commitSummary(deployment.commits())) : reply;
        }
        if (outcome instanceof Deployments.Queued queued) {
            return Reply.privately("Queued " + queued.deployment().shortSha() + " for " + queued.deployment().environment() + " behind #"
                            + queued.behind().id() + " (" + queued.behind().requestedByName() + "): it starts when that one ends.")
                    .withField("Deployment", "#" + queued.deployment().id());
        }
        Deployments.ConfirmationNeeded confirm = (Deployments.ConfirmationNeeded) outcome;
        String sha = Deployments.shortSha(confirm.sha());
        String question = confirm.rollback()
                ? "Roll back " + confirm.environment().name() + " of " + confirm.environment().repository().fullName() + " to " + sha + "?"
                : "Deploy " + sha + " (" + DeploymentMessages.commitSummary(confirm.commits()) + ") to " + confirm.environment().name() + "?";
        Reply reply = Reply.inChannel(question)
                .withField("Expires", "in " + DeploymentMessages.duration(Duration.between(Instant.now(), confirm.expiresAt()).plusSeconds(1))
                        + "; only the one who asked can confirm");
        if (!confirm.commits().isEmpty()) {
            reply = reply.withSection("Commits", DeploymentMessages.commitLines(confirm.commits()));
        }
        return reply.withAction(confirm.rollback() ? "Roll back" : "Deploy", "deploy confirm " + confirm.token());
    }
}
