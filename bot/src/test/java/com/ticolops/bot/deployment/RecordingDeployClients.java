package com.ticolops.bot.deployment;

import com.ticolops.integrations.git.DeployClient;
import com.ticolops.integrations.git.DeployHooks;
import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The recording deploy clients, one per provider, and a recording deploy hook client. */
@TestConfiguration(proxyBeanMethods = false)
class RecordingDeployClients {

    /** A hook call: where it connected (the checked addresses) and what it sent. */
    record HookCall(GitHostAccess target, DeployClient.DeployRequest request) {
    }

    static final class RecordingHooks implements DeployHooks {

        final List<HookCall> calls = new CopyOnWriteArrayList<>();

        @Override
        public int trigger(GitHostAccess target, DeployClient.DeployRequest request) {
            calls.add(new HookCall(target, request));
            return 201;
        }
    }

    @Bean
    RecordingDeployClient gitHubDeployClient() {
        return new RecordingDeployClient(GitProvider.GITHUB, 7000);
    }

    @Bean
    RecordingDeployClient gitLabDeployClient() {
        return new RecordingDeployClient(GitProvider.GITLAB, 9000);
    }

    @Bean
    RecordingHooks deployHooks() {
        return new RecordingHooks();
    }
}
