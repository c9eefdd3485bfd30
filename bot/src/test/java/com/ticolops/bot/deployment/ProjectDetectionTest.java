package com.ticolops.bot.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.FakeGitHub;
import com.ticolops.bot.testsupport.Names;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** repo info, and the channel a repository is connected from, show what its files suggest; nothing is set up by it. */
class ProjectDetectionTest extends DeploymentTestBase {

    private static final String PACKAGE_JSON = "{\"scripts\": {\"build\": \"next build\"}, \"dependencies\": {\"next\": \"15.0.0\"}}";

    @Test
    void repoInfoSuggestsTheExecutorAndBuildCommandFromTheTopLevelFiles() {
        github.files(Map.of("package.json", PACKAGE_JSON, "vercel.json", "{}", "README.md", "# Shop"));

        var reply = command(alice, "repo info " + repository);

        assertThat(reply.text()).isEqualTo(repository + " looks like a Next.js app (package.json, vercel.json).");
        assertThat(reply.field("Build")).isEqualTo("npm run build");
        assertThat(reply.field("Deploy with")).isEqualTo("hook <the Vercel project's deploy hook URL>");
        assertThat(reply.field("To set it up")).isEqualTo("/ticolops env add " + repository
                + " production hook <the Vercel project's deploy hook URL> (nothing is set up until you run it)");
        assertThat(reply.field("Environments")).isEqualTo("none yet");
        assertThat(command(alice, "env list " + repository).text()).startsWith(repository + " has no environment yet.");
    }

    @Test
    void aRepositoryConnectedWithATokenIsDescribedInTheChannelItWasConnectedFrom() {
        // GIVEN a project token, and a repository whose webhook the API registers
        assertThat(command(alice, "repo token github " + GITHUB_TOKEN).text()).startsWith("Saved");
        String other = "octo-org/" + Names.unique("api");
        new FakeGitHub(api, other).hooksCreatable().files(Map.of("pom.xml", "<project/>", "mvnw", "#!/bin/sh", ".github", ""));

        // WHEN it is connected
        assertThat(command(alice, "repo connect github " + other).text()).startsWith("Connected " + other);

        // THEN the channel hears what it looks like, and nothing is set up
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.channelTexts(channel))
                .contains(other + " looks like a Maven project (pom.xml, .github)."));
        assertThat(command(alice, "env list " + other).text()).startsWith(other + " has no environment yet.");
    }
}
