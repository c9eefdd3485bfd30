package com.ticolops.integrations.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.TestRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SlackManifestTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final List<CommandSpec> SPECS = List.of(
            new CommandSpec("help", "Lists commands", List.of(OptionSpec.optional("command", OptionType.TEXT, "a command")), null, "help"),
            new CommandSpec("project create", "Creates a project", List.of(OptionSpec.required("name", OptionType.WORD, "its name")), null, "project create shop"),
            new CommandSpec("project list", "Lists your projects", List.of(), null, "project list"),
            new CommandSpec("member add", "Adds a member", List.of(OptionSpec.required("user", OptionType.USER, "who"),
                    OptionSpec.choice("role", false, "role", List.of("admin", "member"))), TestRole.ADMIN, "member add @bob"),
            new CommandSpec("status", "Posts your status", List.of(OptionSpec.required("text", OptionType.TEXT, "what")), TestRole.MEMBER, "status on it"),
            new CommandSpec("subscriptions", "Lists what this channel receives", List.of(), TestRole.MEMBER, "subscriptions"));

    @Test
    void everyCommandGroupButHelpGetsAnAliasBesideTicolopsExceptSlacksOwnCommands() {
        assertThat(SlackManifest.aliases(SPECS)).containsExactly("member", "project", "subscriptions");

        assertThat(commands(SlackManifest.build(SPECS, "Ticolops", "https://bot.example.com/", false)))
                .extracting(c -> c.get("command")).containsExactly("/ticolops", "/member", "/project", "/subscriptions");
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
        assertThat(commands.get(0).get("usage_hint")).isEqualTo("help | project | member | status | subscriptions");
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

    @Test
    void aCommandWithoutOptionsHasNoUsageHintSinceSlackRefusesAnEmptyOne() {
        List<Map<String, Object>> commands = commands(SlackManifest.build(SPECS, "Ticolops", "https://bot.example.com", false));

        assertThat(commands.get(3)).containsEntry("command", "/subscriptions").doesNotContainKey("usage_hint");
    }

    @Test
    void theWholeManifestIsExactlyThis() {
        Map<String, Object> manifest = SlackManifest.build(SPECS, "Ticolops", "https://bot.example.com/", false);

        assertThat((JsonNode) JSON.valueToTree(manifest)).isEqualTo(JSON.readTree("""
                {
                  "_metadata": {"major_version": 1, "minor_version": 1},
                  "display_information": {
                    "name": "Ticolops",
                    "description": "Chat-ops for software teams: projects, repositories, deployments and announcements"
                  },
                  "features": {
                    "bot_user": {"display_name": "Ticolops", "always_online": true},
                    "slash_commands": [
                      {"command": "/ticolops", "url": "https://bot.example.com/slack/events",
                       "description": "Ticolops: projects, members, repositories and the rest; try help",
                       "usage_hint": "help | project | member | status | subscriptions", "should_escape": true},
                      {"command": "/member", "url": "https://bot.example.com/slack/events", "description": "Adds a member",
                       "usage_hint": "add <@user> [role]", "should_escape": true},
                      {"command": "/project", "url": "https://bot.example.com/slack/events",
                       "description": "Ticolops project commands: create, list", "usage_hint": "create <name> | list", "should_escape": true},
                      {"command": "/subscriptions", "url": "https://bot.example.com/slack/events",
                       "description": "Lists what this channel receives", "should_escape": true}
                    ]
                  },
                  "oauth_config": {"scopes": {"bot": ["commands", "chat:write", "chat:write.public", "users:read"]}},
                  "settings": {
                    "interactivity": {"is_enabled": true, "request_url": "https://bot.example.com/slack/events"},
                    "org_deploy_enabled": false,
                    "socket_mode_enabled": false,
                    "token_rotation_enabled": false
                  }
                }"""));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> commands(Map<String, Object> manifest) {
        return (List<Map<String, Object>>) ((Map<String, Object>) manifest.get("features")).get("slash_commands");
    }
}
