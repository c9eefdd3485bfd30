package com.ticolops.bot.deployment;

import com.ticolops.integrations.git.DeployClient;
import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The commits a deployment ships: those since its environment's last successful deployment. An outbound call. */
@Component
class ShippedCommits {

    private static final Logger log = LoggerFactory.getLogger(ShippedCommits.class);

    private final DeploymentRecords records;
    private final DeploymentProperties properties;

    ShippedCommits(DeploymentRecords records, DeploymentProperties properties) {
        this.records = records;
        this.properties = properties;
    }

    /** A provider that cannot tell leaves the list empty: the commits are shown, never needed to deploy. */
    List<DeployClient.Commit> of(DeployClient client, GitHostAccess access, Environment environment, String sha) {
        String base = records.lastSuccess(environment.id(), null).map(Deployment::sha).orElse(null);
        if (sha.equals(base)) {
            return List.of();
        }
        try {
            return client.commitsBetween(access, environment.repository().fullName(), base, sha, properties.commitsListed());
        } catch (GitHostException e) {
            log.warn("Could not list the commits {} ships to {} of {}: {}", Deployments.shortSha(sha), environment.name(),
                    environment.repository().fullName(), e.getMessage());
            return List.of();
        }
    }
}
