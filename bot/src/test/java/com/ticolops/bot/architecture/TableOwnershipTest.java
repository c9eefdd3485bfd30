package com.ticolops.bot.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each table belongs to one module, and only that module's SQL writes it; another module that must react publishes or
 * listens to an event instead. A few reads across modules are allowed, each listed with its reason.
 */
class TableOwnershipTest {

    /** Table → the module (Maven module and package) that owns it. A new migration's table must be added here. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("users", "bot.user"), Map.entry("user_identities", "bot.user"), Map.entry("link_codes", "bot.user"),
            Map.entry("projects", "bot.project"), Map.entry("project_members", "bot.project"), Map.entry("channels", "bot.project"),
            Map.entry("repositories", "bot.repo"), Map.entry("git_access_tokens", "bot.repo"), Map.entry("webhook_refusals", "bot.repo"),
            Map.entry("subscriptions", "bot.subscription"),
            Map.entry("repository_commits", "bot.history"), Map.entry("pull_requests", "bot.history"),
            Map.entry("pull_request_reviews", "bot.history"), Map.entry("pipeline_runs", "bot.history"),
            Map.entry("deployment_statuses", "bot.history"),
            Map.entry("notification_settings", "bot.notification"), Map.entry("notification_kinds_off", "bot.notification"),
            Map.entry("notification_mutes", "bot.notification"), Map.entry("notification_email_verifications", "bot.notification"),
            Map.entry("notification_deliveries", "bot.notification"),
            Map.entry("environments", "bot.deployment"), Map.entry("environment_freezes", "bot.deployment"),
            Map.entry("environment_locks", "bot.deployment"), Map.entry("autodeploys", "bot.deployment"), Map.entry("deployments", "bot.deployment"),
            Map.entry("deployment_commits", "bot.deployment"), Map.entry("deployment_confirmations", "bot.deployment"),
            Map.entry("deployment_audit", "bot.deployment"),
            Map.entry("api_tokens", "bot.token"),
            Map.entry("activities", "bot.activity"), Map.entry("presence", "bot.activity"), Map.entry("conflicts", "bot.conflict"), Map.entry("conflict_detection_queue", "bot.conflict"), Map.entry("conflict_members", "bot.conflict"),
            Map.entry("webhook_deliveries", "integrations.git"), Map.entry("console_messages", "integrations.console"),
            Map.entry("slack_requests", "integrations.slack"), Map.entry("announcement_messages", "integrations.chat"),
            // Spring Modulith's registry, reached through its API, except for the marks housekeeping writes in batches on
            // its behalf (BatchedPublicationMarks, the registry's repository).
            Map.entry("event_publication", "bot.housekeeping"),
            // Spring Integration's lock registry, written through its API only (LeaderElection)
            Map.entry("int_lock", "integrations.leader"), Map.entry("encryption_key_check", "bot.crypto"),
            Map.entry("discord_button_commands", "integrations.discord"));

    /** Reads of another module's table, each a join or filter that would otherwise need a service call per row. */
    static final Set<String> ALLOWED_READS = Set.of(
            "bot.project reads users", // members listed with their display names
            "bot.subscription reads project_members", // author:team means the project's members
            "bot.subscription reads user_identities", // not-mine and author: match linked GitHub/GitLab logins
            "bot.subscription reads repositories", // a channel's subscriptions listed by repository name
            "bot.repo reads projects", // which project a repository is connected to, by name
            "bot.repo reads webhook_deliveries", // webhook health: the last delivery, and what GitHub says we missed
            "bot.history reads webhook_deliveries", // a pull request's files are asked for once per delivery
            "bot.notification reads projects", // muted projects listed by name
            "integrations.gitlab reads webhook_deliveries"); // backfill ids already delivered

    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern TABLE_USE = Pattern.compile("(?i)\\b(insert\\s+into|update|delete\\s+from|truncate|from|join)\\s+([a-z_]+)");
    private static final Pattern CREATED = Pattern.compile("(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_]+)");
    private static final Path PROJECT = projectRoot();

    @Test
    void everyTableHasAnOwner() throws IOException {
        Set<String> created = new TreeSet<>();
        try (Stream<Path> migrations = Files.list(PROJECT.resolve("db/src/main/resources/db/migration"))) {
            migrations.map(TableOwnershipTest::read).forEach(sql -> CREATED.matcher(sql).results()
                    .map(m -> m.group(1).toLowerCase()).filter(table -> !table.startsWith("qrtz_")).forEach(created::add));
        }

        assertThat(OWNERS.keySet()).as("tables with an owner (Quartz's QRTZ_ tables are the scheduler's)").containsAll(created);
    }

    @Test
    void onlyTheOwnerWritesATableAndOtherModulesReadOnlyWhatIsListed() {
        assertThat(violations(PROJECT)).isEmpty();
    }

    @Test
    void everyAllowedReadIsStillMadeSoTheListCannotGoStale() {
        Set<String> made = new TreeSet<>();
        violationsAndReads(PROJECT, made);

        assertThat(made).containsExactlyInAnyOrderElementsOf(ALLOWED_READS);
    }

    @Test
    void aModuleWritingAnotherModulesTableIsCaught() {
        String foreign = "class Sneaky { void go() { jdbc.sql(\"update projects set created_by = ? where created_by = ?\"); } }";

        assertThat(violations("bot.subscription", foreign)).containsExactly("bot.subscription writes projects (owned by bot.project)");
        assertThat(violations("bot.project", foreign)).isEmpty();
        assertThat(violations("bot.history", "String sql = \"select 1 from subscriptions\";"))
                .containsExactly("bot.history reads subscriptions (owned by bot.subscription)");
    }

    static List<String> violations(Path project) {
        return violationsAndReads(project, new TreeSet<>());
    }

    /** @param allowedReads collects the listed reads across modules that the sources make */
    static List<String> violationsAndReads(Path project, Set<String> allowedReads) {
        List<String> found = new ArrayList<>();
        for (String maven : List.of("bot", "integrations", "scheduler", "db")) {
            Path sources = project.resolve(maven + "/src/main/java/com/ticolops/" + maven);
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                    Path relative = sources.relativize(file);
                    String module = maven + (relative.getNameCount() > 1 ? "." + relative.getName(0) : "");
                    violations(module, read(file), allowedReads).forEach(v -> found.add(v + " in " + relative));
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** The SQL in a source file's string literals and text blocks that names a table of another module. */
    static List<String> violations(String module, String source) {
        return violations(module, source, new TreeSet<>());
    }

    private static List<String> violations(String module, String source, Set<String> allowedReads) {
        StringBuilder sql = new StringBuilder();
        Matcher blocks = TEXT_BLOCK.matcher(source);
        while (blocks.find()) {
            sql.append(blocks.group(1)).append('\n');
        }
        Matcher strings = STRING.matcher(TEXT_BLOCK.matcher(source).replaceAll(""));
        while (strings.find()) {
            sql.append(strings.group(1)).append('\n');
        }
        List<String> found = new ArrayList<>();
        Matcher use = TABLE_USE.matcher(sql);
        while (use.find()) {
            String table = use.group(2).toLowerCase();
            String owner = OWNERS.get(table);
            if (owner == null || owner.equals(module)) {
                continue;
            }
            String keyword = use.group(1).toLowerCase();
            boolean read = keyword.equals("from") || keyword.equals("join");
            String what = module + (read ? " reads " : " writes ") + table;
            if (read && ALLOWED_READS.contains(what)) {
                allowedReads.add(what);
            } else {
                found.add(what + " (owned by " + owner + ")");
            }
        }
        return found;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Surefire runs in bot/; the sources of every Maven module are beside it. */
    private static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("db")) ? here : here.getParent();
    }
}
