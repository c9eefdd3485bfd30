package com.ticolops.integrations.slack;

import com.ticolops.integrations.chat.CommandSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Slack app manifest, generated from the same {@link CommandSpec} list as help and Discord: pasting it into
 * "Create an app → From a manifest" sets up every slash command, scope and URL.
 */
final class SlackManifest {

    static final String EVENTS_PATH = "/slack/events";
    static final List<String> BOT_SCOPES = List.of("commands", "chat:write", "chat:write.public", "users:read");
    /** Slack's own commands win over an app's, so an alias with one of these names would never reach us. */
    static final Set<String> SLACK_BUILT_INS = Set.of("active", "apps", "archive", "away", "call", "collapse", "dm", "dnd",
            "expand", "feed", "feedback", "invite", "leave", "me", "msg", "mute", "open", "prefs", "remind", "remove", "rename",
            "search", "shortcuts", "shrug", "star", "status", "topic", "who");
    static final int MAX_USAGE_HINT = 1000;

    private SlackManifest() {
    }

    /** One short alias per command group, e.g. {@code /project create x} for {@code /ticolops project create x}. */
    static List<String> aliases(List<CommandSpec> specs) {
        return specs.stream().map(CommandSpec::group).distinct()
                .filter(group -> !group.equals("help") && !SLACK_BUILT_INS.contains(group))
                .sorted().toList();
    }

    /**
     * @param baseUrl    where Slack reaches this server; ignored in Socket Mode, where Slack needs no URL
     * @param socketMode whether Ticolops connects out to Slack (an app-level token is configured)
     */
    static Map<String, Object> build(List<CommandSpec> specs, String appName, String baseUrl, boolean socketMode) {
        String requestUrl = baseUrl.replaceAll("/+$", "") + EVENTS_PATH;
        List<Map<String, Object>> commands = new ArrayList<>();
        commands.add(command(SlackCommands.MAIN_COMMAND, appName + ": projects, members, repositories and the rest; try help",
                "help | " + specs.stream().filter(s -> !s.group().equals("help")).map(CommandSpec::group).distinct()
                        .collect(Collectors.joining(" | ")), requestUrl, socketMode));
        for (String alias : aliases(specs)) {
            List<CommandSpec> group = specs.stream().filter(spec -> spec.group().equals(alias)).toList();
            String description = group.size() == 1 ? group.get(0).description()
                    : appName + " " + alias + " commands: " + group.stream().map(SlackManifest::subcommand).collect(Collectors.joining(", "));
            String hint = group.stream().map(spec -> withoutGroup(spec.usage(), alias)).collect(Collectors.joining(" | "));
            commands.add(command("/" + alias, description, hint, requestUrl, socketMode));
        }

        Map<String, Object> interactivity = new LinkedHashMap<>();
        interactivity.put("is_enabled", true);
        if (!socketMode) {
            interactivity.put("request_url", requestUrl);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("interactivity", interactivity);
        settings.put("org_deploy_enabled", false);
        settings.put("socket_mode_enabled", socketMode);
        settings.put("token_rotation_enabled", false);

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("_metadata", Map.of("major_version", 1, "minor_version", 1));
        manifest.put("display_information", Map.of("name", appName,
                "description", "Chat-ops for software teams: projects, repositories, deployments and announcements"));
        manifest.put("features", Map.of(
                "bot_user", Map.of("display_name", appName, "always_online", true),
                "slash_commands", commands));
        manifest.put("oauth_config", Map.of("scopes", Map.of("bot", BOT_SCOPES)));
        manifest.put("settings", settings);
        return manifest;
    }

    private static Map<String, Object> command(String name, String description, String usageHint, String url, boolean socketMode) {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("command", name);
        if (!socketMode) {
            command.put("url", url);
        }
        command.put("description", description);
        // Slack's manifest schema refuses an empty hint (e.g. /subscriptions, which takes no options).
        if (!usageHint.isEmpty()) {
            command.put("usage_hint", fit(usageHint));
        }
        // Slack then sends mentions as <@U123|bob> rather than plain names, so USER options get real user ids.
        command.put("should_escape", true);
        return command;
    }

    private static String subcommand(CommandSpec spec) {
        return spec.name().equals(spec.group()) ? spec.group() : spec.name().substring(spec.group().length() + 1);
    }

    private static String withoutGroup(String usage, String group) {
        return usage.equals(group) ? "" : usage.substring(group.length() + 1);
    }

    /** Keeps whole alternatives: a hint cut mid-word would mislead. */
    private static String fit(String hint) {
        if (hint.length() <= MAX_USAGE_HINT) {
            return hint;
        }
        int cut = hint.lastIndexOf(" | ", MAX_USAGE_HINT - 4);
        return hint.substring(0, cut) + " | …";
    }
}
