package com.ticolops.bot.deployment;

import com.ticolops.integrations.git.GitProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a repository looks like from its top-level files, and how it would likely be built and deployed: a suggestion
 * shown to people, never applied without {@code env add}.
 */
final class ProjectTypes {

    /** The files whose text the detection reads; of the others only the names matter. */
    static final List<String> READ = List.of("package.json", "netlify.toml", ".gitlab-ci.yml");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern NETLIFY_COMMAND = Pattern.compile("(?m)^\\s*command\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern MANUAL_JOB = Pattern.compile("(?m)^([A-Za-z0-9_.-]+):\\s*$(?:\\n(?:[ \\t].*)?)*?\\n[ \\t]+when:\\s*manual");

    private ProjectTypes() {
    }

    /** @param files top-level names, with the text of those in {@link #READ} that exist */
    static Optional<ProjectSuggestion> suggest(GitProvider provider, Map<String, String> files) {
        List<String> evidence = new ArrayList<>();
        String kind = null;
        String build = null;
        if (files.containsKey("package.json")) {
            evidence.add("package.json");
            JsonNode manifest = manifest(files.get("package.json"));
            kind = framework(manifest) + (framework(manifest).equals("Node.js") ? " project" : " app");
            String runner = files.containsKey("pnpm-lock.yaml") ? "pnpm" : files.containsKey("yarn.lock") ? "yarn" : "npm";
            build = manifest.path("scripts").has("build") ? (runner.equals("yarn") ? "yarn build" : runner + " run build") : null;
        } else if (files.containsKey("pom.xml")) {
            evidence.add("pom.xml");
            kind = "Maven project";
            build = (files.containsKey("mvnw") ? "./mvnw" : "mvn") + " -B package";
        } else if (files.containsKey("build.gradle") || files.containsKey("build.gradle.kts")) {
            evidence.add(files.containsKey("build.gradle") ? "build.gradle" : "build.gradle.kts");
            kind = "Gradle project";
            build = (files.containsKey("gradlew") ? "./gradlew" : "gradle") + " build";
        } else if (files.containsKey("pyproject.toml") || files.containsKey("requirements.txt")) {
            evidence.add(files.containsKey("pyproject.toml") ? "pyproject.toml" : "requirements.txt");
            kind = "Python project";
            build = files.containsKey("pyproject.toml") ? "pip install ." : "pip install -r requirements.txt";
        } else if (files.containsKey("go.mod")) {
            evidence.add("go.mod");
            kind = "Go module";
            build = "go build ./...";
        } else if (files.containsKey("Cargo.toml")) {
            evidence.add("Cargo.toml");
            kind = "Rust crate";
            build = "cargo build --release";
        } else if (files.containsKey("index.html")) {
            evidence.add("index.html");
            kind = "static site";
        }
        if (files.containsKey("Dockerfile")) {
            evidence.add("Dockerfile");
            kind = kind == null ? "container image" : kind + " with a Dockerfile";
            build = build == null ? "docker build ." : build;
        }
        String executor;
        if (files.containsKey("vercel.json")) {
            evidence.add("vercel.json");
            executor = "hook <the Vercel project's deploy hook URL>";
        } else if (files.containsKey("netlify.toml")) {
            evidence.add("netlify.toml");
            executor = "hook <the Netlify site's build hook URL>";
            Matcher command = NETLIFY_COMMAND.matcher(files.get("netlify.toml") == null ? "" : files.get("netlify.toml"));
            build = command.find() ? command.group(1) : build;
        } else if (files.containsKey("render.yaml")) {
            evidence.add("render.yaml");
            executor = "hook <the Render service's deploy hook URL>";
        } else if (provider == GitProvider.GITLAB && files.containsKey(".gitlab-ci.yml")) {
            evidence.add(".gitlab-ci.yml");
            Matcher manual = MANUAL_JOB.matcher(files.get(".gitlab-ci.yml") == null ? "" : files.get(".gitlab-ci.yml"));
            executor = manual.find() ? "gitlab-job " + manual.group(1) : "gitlab-pipeline";
        } else if (provider == GitProvider.GITHUB && files.containsKey(".github")) {
            evidence.add(".github");
            executor = "github-workflow <your deploy workflow, e.g. deploy.yml>";
        } else {
            executor = provider == GitProvider.GITHUB ? "github-deployments" : "gitlab-pipeline";
        }
        if (kind == null && evidence.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProjectSuggestion(kind == null ? "project" : kind, build, executor, List.copyOf(evidence)));
    }

    private static String framework(JsonNode manifest) {
        JsonNode dependencies = manifest.path("dependencies");
        JsonNode development = manifest.path("devDependencies");
        for (String[] known : new String[][] {{"next", "Next.js"}, {"nuxt", "Nuxt"}, {"@sveltejs/kit", "SvelteKit"}, {"astro", "Astro"},
                {"gatsby", "Gatsby"}, {"@remix-run/react", "Remix"}, {"react-scripts", "Create React App"}, {"@angular/core", "Angular"},
                {"vite", "Vite"}, {"express", "Express"}}) {
            if (dependencies.has(known[0]) || development.has(known[0])) {
                return known[1];
            }
        }
        return "Node.js";
    }

    private static JsonNode manifest(String text) {
        if (text == null) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            return JSON.createObjectNode();
        }
    }
}
