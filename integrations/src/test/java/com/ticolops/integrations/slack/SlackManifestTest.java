package com.ticolops.integrations.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.TestRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackManifestTest {

    static final List<CommandSpec> SPECS = List.of(
            new CommandSpec("help", "Lists commands", List.of(OptionSpec.optional("command", OptionType.TEXT, "a command")), null, "help"),
            new CommandSpec("project create", "Creates a project", List.of(OptionSpec.required("name", OptionType.WORD, "its name")), null, "project create shop"),
            new CommandSpec("project list", "Lists your projects", List.of(), null, "project list"),
            new CommandSpec("member add", "Adds a member", List.of(OptionSpec.required("user", OptionType.USER, "who"),
                    OptionSpec.choice("role", false, "role", List.of("admin", "member"))), TestRole.ADMIN, "member add @bob"),
            new CommandSpec("status", "Posts your status", List.of(OptionSpec.required("text", OptionType.TEXT, "what")), TestRole.MEMBER, "status on it"));

    @Test
    void everyCommandGroupButHelpGetsAnAliasBesideTicolopsExceptSlacksOwnCommands() {
        assertThat(SlackManifest.aliases(SPECS)).containsExactly("member", "project");

        assertThat(commands(SlackManifest.build(SPECS, "Ticolops", "https://bot.example.com/", false)))
                .extracting(c -> c.get("command")).containsExactly("/ticolops", "/member", "/project");
    }

    @Test
    void commandsCarryDescriptionsUsageHintsEscapingAndTheEventsUrl() {
        List<Map<String, Object>> commands = commands(SlackManifest.build(SPECS, "Ticolops", "https://bot.example.com/", false));

        Map<String, Object> project = commands.get(2);
        assertThat(project).containsEntry("url", "https://bot.example.com/slack/events")
                .containsEntry("description", "Ticolops project commands: create, list")
                .containsEntry("usage_hint", "create <name> | list")
                .containsEntry("should_escape", true);
        assertThat(commands.get(1)).containsEntry("description", "Adds a member").containsEntry("usage_hint", "add <@user> [role]");
        assertThat(commands.get(0).get("usage_hint")).isEqualTo("help | project | member | status");
    }

    @Test
    @SuppressWarnings("unchecked")
    void overHttpInteractivityPointsAtTheEventsUrlAndTheBotHasItsScopes() {
        Map<String, Object> manifest = SlackManifest.build(SPECS, "Ticolops", "https://bot.example.com", false);

        Map<String, Object> settings = (Map<String, Object>) manifest.get("settings");
        assertThat(settings).containsEntry("socket_mode_enabled", false);
        assertThat((Map<String, Object>) settings.get("interactivity")).containsEntry("is_enabled", true)
                .containsEntry("request_url", "https://bot.example.com/slack/events");
        assertThat(manifest.get("oauth_config")).isEqualTo(Map.of("scopes", Map.of("bot",
                List.of("commands", "chat:write", "chat:write.public", "users:read"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void inSocketModeNoUrlIsNeeded() {
        Map<String, Object> manifest = SlackManifest.build(SPECS, "Ticolops", "http://localhost:8080", true);

        Map<String, Object> settings = (Map<String, Object>) manifest.get("settings");
        assertThat(settings).containsEntry("socket_mode_enabled", true);
        assertThat((Map<String, Object>) settings.get("interactivity")).doesNotContainKey("request_url");
        assertThat(commands(manifest)).allSatisfy(command -> assertThat(command).doesNotContainKey("url"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> commands(Map<String, Object> manifest) {
        return (List<Map<String, Object>>) ((Map<String, Object>) manifest.get("features")).get("slash_commands");
    }
}
