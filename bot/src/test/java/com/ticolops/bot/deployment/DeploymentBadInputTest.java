package com.ticolops.bot.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Names;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Wrong input gets a reply naming what to do, and nothing is recorded as deployed. */
class DeploymentBadInputTest extends DeploymentTestBase {

    @Test
    void anUnknownRepositoryIsNamedWithHowToConnectIt() {
        assertThat(command(alice, "deploy octo-org/nope main production").text())
                .isEqualTo("This project has no repository octo-org/nope. Connect it with `/ticolops repo connect github octo-org/nope`, or see"
                        + " `/ticolops repo list`.");
    }

    @Test
    void anUnknownEnvironmentIsNamedWithTheOnesTheRepositoryHas() {
        command(alice, "env add " + repository + " production");

        assertThat(command(alice, "deploy " + repository + " main qa").text())
                .isEqualTo(repository + " has no environment qa. It has production; add qa with `/ticolops env add " + repository + " qa`.");
        assertThat(deployments()).isEmpty();
    }

    @Test
    void aRepositoryWithoutEnvironmentsSaysHowToAddOne() {
        assertThat(command(alice, "deploy " + repository).text())
                .isEqualTo(repository + " has no environment yet. Add one with `/ticolops env add " + repository + " production`.");
    }

    @Test
    void aRefTheProviderDoesNotKnowIsRefusedAndAudited() {
        command(alice, "env add " + repository + " production");

        assertThat(command(alice, "deploy " + repository + " feature/nope production").text())
                .isEqualTo(repository + " has no branch, tag or commit feature/nope. Check the name, and push it first if it is only on your machine.");
        assertThat(deployments()).isEmpty();
        assertThat(command(alice, "audit 1").all()).contains("deploy " + repository + " production REFUSED — unknown ref feature/nope");
    }

    @Test
    void anExecutorMissingItsWorkflowFileIsRefusedWithTheChoices() {
        assertThat(command(alice, "env add " + repository + " production github-workflow").text())
                .isEqualTo("`github-workflow` is not an executor setting. Give one of: github-deployments, github-workflow <workflow file>,"
                        + " gitlab-pipeline, gitlab-job <job name>, hook <URL>, then optionally url=<environment URL>. Example: `/ticolops env add "
                        + repository + " production github-workflow deploy.yml url=https://shop.example.com`.");
        assertThat(command(alice, "env list " + repository).text()).startsWith(repository + " has no environment yet.");
    }

    @Test
    void aGitLabExecutorForAGitHubRepositoryIsRefused() {
        assertThat(command(alice, "env add " + repository + " production gitlab-pipeline").text())
                .isEqualTo("gitlab-pipeline deploys GitLab repositories, and " + repository + " is not one. Use github-deployments or"
                        + " github-workflow <file>, or hook <url>.");
    }

    @Test
    void aDeployHookOnAnInternalAddressIsRefusedAndNotStored() {
        assertThat(command(alice, "env add " + repository + " production hook https://10.0.0.7/deploy").text())
                .isEqualTo("Ticolops will not call that deploy hook: it resolves to 10.0.0.7, an internal address. Give the https URL the platform"
                        + " (Vercel, Netlify, Render) shows for the hook; nothing was saved.");
        assertThat(command(alice, "env add " + repository + " production hook http://93.184.215.14/deploy").text()).contains("it is not https");
        assertThat(command(alice, "env add " + repository + " production hook https://metadata.google.internal/x").text())
                .contains("it names a cloud metadata service");
        assertThat(command(alice, "env list " + repository).text()).startsWith(repository + " has no environment yet.");
    }

    @Test
    void aDeployHookIsKeptEncryptedShownByItsHostAndCalledAtTheAddressChecked() {
        // GIVEN a deploy hook (WireMock, at an address of an allowed network) whose key is in its query
        String key = "hook-key-" + Names.unique("k");
        String hook = "http://127.0.0.1:" + api.port() + "/deploy/srv-123?key=" + key;
        api.stubFor(post(urlPathEqualTo("/deploy/srv-123")).willReturn(aResponse().withStatus(201)));

        // WHEN it is added and deployed through
        String added = command(alice, "env add " + repository + " preview hook " + hook).all();
        assertThat(command(alice, "deploy " + repository + " main preview").text()).isEqualTo("Deploying 3333333 to preview…");

        // THEN only its host is ever shown, it is stored encrypted, and it got a POST naming the deployment and the commit
        assertThat(added).contains("deploy hook on 127.0.0.1").doesNotContain(key);
        assertThat(jdbc.sql("select encode(hook_url_encrypted, 'escape') from environments e join repositories r on r.id = e.repository_id"
                + " where r.full_name = ?").param(repository).query(String.class).single()).doesNotContain(key);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.findAll(postRequestedFor(urlPathEqualTo("/deploy/srv-123"))
                .withQueryParam("key", equalTo(key)))).singleElement().satisfies(request -> assertThat(request.getBodyAsString())
                .contains("\"ticolops_deployment\":" + latestDeployment().get("id")).contains("\"sha\":\"" + MAIN + "\"")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(latestDeployment()).containsEntry("status", "queued"));
        assertThat(command(alice, "deployments " + repository).all()).doesNotContain(key);
    }

    @Test
    void aRepositoryWithoutATokenCannotBeDeployedAndSaysWhichTokenToSet() {
        String other = "octo-org/" + Names.unique("tokenless");
        ticolops.connectGitHub(alice, channel, other);
        command(alice, "env add " + other + " production");

        assertThat(command(alice, "deploy " + other + " main production").text())
                .isEqualTo("Ticolops has no GitHub token for " + other + ", which deploying needs. Set one with `/ticolops repo token github <token> "
                        + other + "`.");
    }

    @Test
    void aRollbackWithNothingToGoBackToSaysSo() {
        command(alice, "env add " + repository + " production");

        assertThat(command(alice, "rollback " + repository + " production").text())
                .isEqualTo("production of " + repository + " has no earlier successful deployment to roll back to. See `/ticolops deployments "
                        + repository + " production`.");
        assertThat(command(alice, "rollback " + repository + " production sideways").text())
                .isEqualTo("`production sideways` is not [environment] [to <deployment id>]. Example: `/ticolops rollback " + repository
                        + " production to 12`.");
    }
}
