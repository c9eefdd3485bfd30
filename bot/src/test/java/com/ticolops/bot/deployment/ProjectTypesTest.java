package com.ticolops.bot.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.integrations.git.GitProvider;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A repository's top-level files suggest how it is built and deployed. */
class ProjectTypesTest {

    @Test
    void aNextAppOnVercelIsBuiltWithItsBuildScriptAndDeployedByAHook() {
        assertThat(ProjectTypes.suggest(GitProvider.GITHUB, files("package.json",
                "{\"scripts\": {\"build\": \"next build\"}, \"dependencies\": {\"next\": \"15.0.0\", \"react\": \"19.0.0\"}}", "vercel.json", null,
                "pnpm-lock.yaml", null)))
                .contains(new ProjectSuggestion("Next.js app", "pnpm run build", "hook <the Vercel project's deploy hook URL>",
                        java.util.List.of("package.json", "vercel.json")));
    }

    @Test
    void netlifysOwnBuildCommandWins() {
        assertThat(ProjectTypes.suggest(GitProvider.GITHUB, files("package.json", "{\"scripts\": {\"build\": \"vite build\"}, \"devDependencies\":"
                + " {\"vite\": \"5\"}}", "netlify.toml", "[build]\n  command = \"npm run build:site\"\n  publish = \"dist\"\n")))
                .hasValueSatisfying(s -> {
                    assertThat(s.kind()).isEqualTo("Vite app");
                    assertThat(s.build()).isEqualTo("npm run build:site");
                    assertThat(s.executor()).isEqualTo("hook <the Netlify site's build hook URL>");
                });
    }

    @Test
    void aMavenProjectWithWorkflowsOnGitHubIsDeployedByAWorkflow() {
        assertThat(ProjectTypes.suggest(GitProvider.GITHUB, files("pom.xml", null, "mvnw", null, ".github", null, "Dockerfile", null)))
                .contains(new ProjectSuggestion("Maven project with a Dockerfile", "./mvnw -B package",
                        "github-workflow <your deploy workflow, e.g. deploy.yml>", java.util.List.of("pom.xml", "Dockerfile", ".github")));
    }

    @Test
    void aGitLabPipelineWithAManualDeployJobIsDeployedByPlayingIt() {
        String ci = "stages: [build, deploy]\nbuild:\n  stage: build\n  script: go build ./...\ndeploy_production:\n  stage: deploy\n"
                + "  script: ./deploy.sh\n  when: manual\n";
        assertThat(ProjectTypes.suggest(GitProvider.GITLAB, files("go.mod", null, ".gitlab-ci.yml", ci))).hasValueSatisfying(s -> {
            assertThat(s.kind()).isEqualTo("Go module");
            assertThat(s.build()).isEqualTo("go build ./...");
            assertThat(s.executor()).isEqualTo("gitlab-job deploy_production");
        });
    }

    @Test
    void otherStacksAreRecognisedByTheirManifest() {
        assertThat(ProjectTypes.suggest(GitProvider.GITHUB, files("pyproject.toml", null))).map(ProjectSuggestion::build).contains("pip install .");
        assertThat(ProjectTypes.suggest(GitProvider.GITHUB, files("Cargo.toml", null))).map(ProjectSuggestion::kind).contains("Rust crate");
        assertThat(ProjectTypes.suggest(GitProvider.GITHUB, files("build.gradle.kts", null, "gradlew", null))).map(ProjectSuggestion::build)
                .contains("./gradlew build");
        assertThat(ProjectTypes.suggest(GitProvider.GITLAB, files("index.html", null, "render.yaml", null))).hasValueSatisfying(s -> {
            assertThat(s.kind()).isEqualTo("static site");
            assertThat(s.executor()).isEqualTo("hook <the Render service's deploy hook URL>");
        });
        assertThat(ProjectTypes.suggest(GitProvider.GITHUB, files("README.md", null))).isEmpty();
    }

    private static Map<String, String> files(String... namesAndTexts) {
        Map<String, String> files = new HashMap<>();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            files.put(namesAndTexts[i], namesAndTexts[i + 1]);
        }
        return files;
    }
}
