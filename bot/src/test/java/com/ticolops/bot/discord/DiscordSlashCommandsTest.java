package com.ticolops.bot.discord;

import static com.ticolops.integrations.discord.FakeDiscord.Option.string;
import static com.ticolops.integrations.discord.FakeDiscord.Option.user;
import static com.ticolops.integrations.discord.FakeDiscord.visibleText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.integrations.chat.CommandPort;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.discord.FakeDiscord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import tools.jackson.databind.JsonNode;

class DiscordSlashCommandsTest extends DiscordEndToEnd {

    @Autowired
    CommandPort commands;

    @Autowired
    @Qualifier("discordHealthIndicator")
    HealthIndicator discordHealth;

    String channel = FakeDiscord.newId();
    String alice = FakeDiscord.newId();
    String project = Names.unique("shop");

    @Test
    void projectCreateIsDeferredAtOnceThenAnnouncedInTheChannelAsAnEmbed() {
        // WHEN alice runs /ticolops project create in a channel
        FakeDiscord.Interaction interaction = discord.slashCommand(channel, alice, "alice", "project", "create", string("name", project));

        // THEN Discord got a deferred, ephemeral acknowledgement first
        await().atMost(WAIT).untilAsserted(() -> assertThat(discord.callbacks(interaction)).isNotEmpty());
        JsonNode callback = discord.callbacks(interaction).get(0);
        assertThat(callback.path("type").asInt()).isEqualTo(5);
        assertThat(callback.path("data").path("flags").asInt() & 64).isEqualTo(64);
        // AND the in-channel reply is an embed in the channel, with alice mentioned as Discord shows users
        JsonNode message = channelMessageContaining(channel, "Project " + project + " created by <@" + alice + ">");
        JsonNode embed = message.path("embeds").get(0);
        assertThat(embed.path("description").asString()).startsWith("Project " + project + " created by <@" + alice + ">, its admin.");
        assertThat(embed.path("fields").get(0).path("name").asString()).isEqualTo("Next");
        // AND the private "thinking…" placeholder is removed
        await().atMost(WAIT).untilAsserted(() -> assertThat(discord.received(RequestMethod.DELETE,
                "/webhooks/" + FakeDiscord.APPLICATION_ID + "/" + interaction.token() + "/messages/@original")).hasSize(1));
    }

    @Test
    void theRegisteredCommandMatchesTheCommandSpecList() {
        JsonNode ticolops = discord.registeredCommands().get(0);
        assertThat(ticolops.path("name").asString()).isEqualTo("ticolops");

        List<String> registered = new ArrayList<>();
        for (JsonNode entry : ticolops.path("options")) {
            if (entry.path("type").asInt() == 2) {
                for (JsonNode sub : entry.path("options")) {
                    registered.add(entry.path("name").asString() + " " + sub.path("name").asString() + options(sub));
                }
            } else {
                registered.add(entry.path("name").asString() + options(entry));
            }
        }

        List<CommandSpec> specs = commands.commands();
        assertThat(registered).containsExactlyInAnyOrderElementsOf(specs.stream().map(spec -> expected(spec, specs)).toList());
    }

    @Test
    void aUserOptionArrivesAsAMentionAndTheReplyMentionsTheUser() {
        String bob = FakeDiscord.newId();
        discord.slashCommand(channel, alice, "alice", "project", "create", string("name", project));
        channelMessageContaining(channel, "Project " + project + " created");

        discord.slashCommand(channel, alice, "alice", "member", "add", user("user", bob), string("role", "maintainer"));

        channelMessageContaining(channel, "<@" + bob + "> joined " + project + " as maintainer, added by <@" + alice + ">.");
    }

    @Test
    void anOptionReachesTheCommandExactlyAsTypedNotReparsedAsText() {
        // A quote inside a value used to be dropped when options were joined into a command line: `sh"op` became `shop`.
        FakeDiscord.Interaction interaction = discord.slashCommand(channel, alice, "alice", "project", "create", string("name", "sh\"op"));

        assertThat(visibleText(privateReply(interaction))).contains("`sh\"op` can't be a project name");
    }

    @Test
    void aButtonClickRunsItsCommandAsTheClickingUser() {
        // GIVEN alice has two projects, the second one followed by another channel
        String otherChannel = FakeDiscord.newId();
        String other = Names.unique("blog");
        discord.slashCommand(channel, alice, "alice", "project", "create", string("name", project));
        channelMessageContaining(channel, "Project " + project + " created");
        discord.slashCommand(otherChannel, alice, "alice", "project", "create", string("name", other));
        channelMessageContaining(otherChannel, "Project " + other + " created");

        // WHEN she lists her projects in the second channel and clicks "Use <first>"
        JsonNode list = privateReply(discord.slashCommand(otherChannel, alice, "alice", "project", "list"));
        JsonNode use = buttonLabelled(list, "Use " + project);
        discord.buttonClick(otherChannel, alice, "alice", use.path("custom_id").asString());

        // THEN the second channel now follows the first project, set by alice
        channelMessageContaining(otherChannel, "This channel now follows project " + project + ", set by <@" + alice + ">.");
    }

    @Test
    void anUnknownCommandGetsAHelpfulPrivateReply() {
        FakeDiscord.Interaction interaction = discord.slashCommand(channel, alice, "alice", null, "frobnicate");

        String text = visibleText(privateReply(interaction));

        assertThat(text).contains("I don't know the command `frobnicate`.", "Commands", "`project`", "/ticolops help");
    }

    @Test
    void aMissingOptionGetsTheUsageWithAnExample() {
        // Discord's client enforces required options; an interaction without one still gets a useful answer.
        FakeDiscord.Interaction interaction = discord.slashCommand(channel, alice, "alice", "project", "create");

        String text = visibleText(privateReply(interaction));

        assertThat(text).contains("`project create` needs <name>", "Usage", "/ticolops project create <name>", "Example: /ticolops project create shop");
    }

    @Test
    void readinessReportsTheGatewayConnected() {
        assertThat(discordHealth.health().getStatus()).isEqualTo(Status.UP);
        assertThat(discordHealth.health().getDetails()).containsEntry("gateway", "CONNECTED");
    }

    private static JsonNode buttonLabelled(JsonNode message, String label) {
        for (JsonNode row : message.path("components")) {
            for (JsonNode button : row.path("components")) {
                if (button.path("label").asString().equals(label)) {
                    return button;
                }
            }
        }
        throw new AssertionError("no button " + label + " in " + message);
    }

    private static String options(JsonNode subcommand) {
        StringBuilder text = new StringBuilder();
        for (JsonNode option : subcommand.path("options")) {
            text.append(' ').append(option.path("name").asString()).append(':').append(option.path("type").asInt() == 6 ? "user" : "string");
            for (JsonNode choice : option.path("choices")) {
                text.append('|').append(choice.path("value").asString());
            }
        }
        return text.toString();
    }

    /**
     * A one-word command whose word is also a group ({@code notify} beside {@code notify via}) is a member of the group,
     * under the name its spec gives ({@code notify show}), else {@code new}.
     */
    private static String expected(CommandSpec spec, List<CommandSpec> specs) {
        boolean inGroup = !spec.name().contains(" ") && specs.stream().anyMatch(other -> other.name().startsWith(spec.name() + " "));
        StringBuilder text = new StringBuilder(inGroup ? spec.name() + " " + (spec.asGroupMember() != null ? spec.asGroupMember() : "new") : spec.name());
        for (OptionSpec option : spec.options()) {
            text.append(' ').append(option.name().toLowerCase(Locale.ROOT)).append(':').append(option.type() == OptionType.USER ? "user" : "string");
            option.choices().forEach(choice -> text.append('|').append(choice));
        }
        return text.toString();
    }
}
