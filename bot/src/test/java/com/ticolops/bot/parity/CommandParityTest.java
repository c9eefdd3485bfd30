package com.ticolops.bot.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.slack.FakeSlack;
import com.ticolops.bot.slack.SlackUser;
import com.ticolops.bot.testsupport.Ticolops;
import com.ticolops.integrations.chat.CommandPort;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.discord.FakeDiscord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every command in the {@code CommandSpec} list, run from its own example on the console, on Slack (signed slash
 * commands through Bolt) and on Discord (interactions through JDA), shows the same content with the same visibility.
 * Each platform plays the same sequence in its own world: names carry a per-platform prefix, users are that platform's
 * users, and both are put back to placeholders before comparing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CommandParityTest {

    private static final FakeDiscord discord = FakeDiscord.shared();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @DynamicPropertySource
    static void slackAndDiscord(DynamicPropertyRegistry registry) {
        registry.add("ticolops.slack.bot-token", () -> "xoxb-test-bot-token");
        registry.add("ticolops.slack.signing-secret", () -> SlackUser.SIGNING_SECRET);
        registry.add("ticolops.slack.api-url", FakeSlack::apiUrl);
        // Replies are read from the ack; a test JVM warming up can be slower than the 200 ms a server waits.
        registry.add("ticolops.slack.ack-wait", () -> "2500ms");
        registry.add("ticolops.discord.bot-token", () -> "fake-bot-token");
        registry.add("ticolops.discord.rest-url", discord::restUrl);
        registry.add("ticolops.discord.gateway-url", discord::gatewayUrl);
        // Each test context is a Ticolops of its own on the shared test database: it elects its own gateway leader.
        registry.add("ticolops.leader.region", () -> "parity-test");
    }

    @LocalServerPort
    int port;

    @Autowired
    CommandPort commands;

    @Test
    void everyCommandShowsTheSameContentOnTheConsoleSlackAndDiscord() throws InterruptedException {
        discord.gateway().awaitReady(WAIT);
        Console console = new Console(new Ticolops(port));
        Slack slack = new Slack();
        Discord onDiscord = new Discord();
        List<World> worlds = List.of(console, slack, onDiscord);
        for (World world : worlds) {
            world.run(spec("project create"), List.of(world.prefix + "-parity"), "");
        }
        SoftAssertions softly = new SoftAssertions();

        for (CommandSpec spec : commands.commands()) {
            Seen expected = console.run(spec, arguments(spec, console.prefix), "");
            for (World platform : List.of(slack, onDiscord)) {
                Seen seen = platform.run(spec, arguments(spec, platform.prefix), expected.pieces().get(0));
                softly.assertThat(seen.inChannel()).as("%s on %s is in the channel", spec.name(), platform.name()).isEqualTo(expected.inChannel());
                for (String piece : expected.pieces()) {
                    softly.assertThat(seen.text()).as("%s on %s shows %s", spec.name(), platform.name(), piece).contains(piece);
                }
            }
        }
        softly.assertAll();
    }

    private CommandSpec spec(String name) {
        return commands.commands().stream().filter(spec -> spec.name().equals(name)).findFirst().orElseThrow();
    }

    /** The example's words for each option, with names the platform's own: a WORD value gets the world's prefix. */
    private static List<String> arguments(CommandSpec spec, String prefix) {
        List<String> words = new ArrayList<>(Arrays.asList(spec.example().substring(spec.name().length()).trim().split("\\s+")));
        words.removeIf(String::isBlank);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < spec.options().size() && i < words.size(); i++) {
            OptionSpec option = spec.options().get(i);
            values.add(switch (option.type()) {
                case TEXT -> String.join(" ", words.subList(i, words.size()));
                case WORD -> prefix + "-" + words.get(i);
                case USER, CHOICE -> words.get(i);
            });
        }
        return values;
    }

    /** What a person saw: whether the whole channel saw it, and the text with the world's own names put back. */
    private record Seen(boolean inChannel, String text, List<String> pieces) {
    }

    private abstract static class World {

        final String prefix = "p" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 45), 36);
        final Map<String, String> placeholders = new LinkedHashMap<>();

        abstract String name();

        /** Runs the command as alice in the world's channel; {@code answer} is the reply's text as the console showed it. */
        abstract Seen run(CommandSpec spec, List<String> arguments, String answer);

        /** How the example's {@code @bob} is written on this platform. */
        abstract String bob();

        String normalize(String text) {
            String result = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
            for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
                result = result.replace(placeholder.getKey(), placeholder.getValue());
            }
            return result.replace(prefix, "PREFIX")
                    .replaceAll("[0-9a-f]{64}", "SECRET")
                    .replaceAll("tcp_[A-Za-z0-9_-]{43}", "TOKEN")
                    .replaceAll("reference [0-9a-f]{8}", "reference REF")
                    .replaceAll("\\*", "")
                    .replaceAll("\\s+", " ").trim();
        }

        String commandText(CommandSpec spec, List<String> arguments) {
            List<String> words = new ArrayList<>();
            words.add(spec.name());
            for (int i = 0; i < arguments.size(); i++) {
                words.add(spec.options().get(i).type() == OptionType.USER ? bob() : arguments.get(i));
            }
            return String.join(" ", words);
        }
    }

    private static final class Console extends World {

        private final Ticolops ticolops;
        private final String channel = prefix + "-room";
        private final String alice = prefix + "alice";
        private final String bob = prefix + "bob";

        Console(Ticolops ticolops) {
            this.ticolops = ticolops;
            placeholders.put("@" + alice, "@ALICE");
            placeholders.put("@" + bob, "@BOB");
        }

        @Override
        String name() {
            return "console";
        }

        @Override
        String bob() {
            return "@" + bob;
        }

        @Override
        Seen run(CommandSpec spec, List<String> arguments, String answer) {
            JsonNode reply = ticolops.command(alice, channel, commandText(spec, arguments)).body();
            List<String> pieces = new ArrayList<>();
            pieces.add(reply.path("text").asString());
            reply.path("sections").forEach(section -> {
                pieces.add(section.path("title").asString());
                pieces.add(section.path("body").asString());
            });
            reply.path("fields").forEach(field -> {
                pieces.add(field.path("name").asString());
                pieces.add(field.path("value").asString());
            });
            reply.path("buttons").forEach(button -> pieces.add(button.path("label").asString()));
            List<String> normalized = pieces.stream().map(this::normalize).filter(piece -> !piece.isEmpty()).toList();
            return new Seen("IN_CHANNEL".equals(reply.path("visibility").asString()), String.join("\n", normalized), normalized);
        }
    }

    private final class Slack extends World {

        private final SlackUser alice = new SlackUser(() -> port, "U" + prefix.toUpperCase(Locale.ROOT) + "A", prefix + "alice");
        private final String bob = "U" + prefix.toUpperCase(Locale.ROOT) + "B";
        private final String channel = "C" + prefix.toUpperCase(Locale.ROOT);

        Slack() {
            placeholders.put("<@" + alice.userId + ">", "@ALICE");
            placeholders.put("<@" + bob + ">", "@BOB");
        }

        @Override
        String name() {
            return "Slack";
        }

        @Override
        String bob() {
            return "<@" + bob + "|bob>";
        }

        @Override
        Seen run(CommandSpec spec, List<String> arguments, String answer) {
            JsonNode ack = alice.types(commandText(spec, arguments), channel).json();
            List<String> texts = new ArrayList<>();
            collectTexts(ack.path("blocks"), texts);
            return new Seen("in_channel".equals(ack.path("response_type").asString()), normalize(String.join("\n", texts)), List.of());
        }

        /** Every text a person reads in Block Kit: section and context texts, section fields, button labels. */
        private void collectTexts(JsonNode node, List<String> texts) {
            if (node.isObject() && node.path("text").isString()) {
                texts.add(node.path("text").asString());
            }
            node.forEach(child -> collectTexts(child, texts));
            if (node.isObject()) {
                node.properties().forEach(entry -> {
                    if (!entry.getValue().isString() && !entry.getValue().isArray()) {
                        collectTexts(entry.getValue(), texts);
                    }
                });
            }
        }
    }

    private final class Discord extends World {

        private final String channel = FakeDiscord.newId();
        private final String alice = FakeDiscord.newId();
        private final String bob = FakeDiscord.newId();

        Discord() {
            placeholders.put("<@" + alice + ">", "@ALICE");
            placeholders.put("<@" + bob + ">", "@BOB");
        }

        @Override
        String name() {
            return "Discord";
        }

        @Override
        String bob() {
            return "<@" + bob + ">";
        }

        @Override
        Seen run(CommandSpec spec, List<String> arguments, String answer) {
            List<FakeDiscord.Option> options = new ArrayList<>();
            for (int i = 0; i < arguments.size(); i++) {
                OptionSpec option = spec.options().get(i);
                options.add(option.type() == OptionType.USER ? FakeDiscord.Option.user(option.name(), bob)
                        : FakeDiscord.Option.string(option.name(), arguments.get(i)));
            }
            int before = discord.channelMessages(channel).size();
            String[] words = spec.name().split(" ", 2);
            // A one-word command whose word is also a group (notify beside notify via) is registered inside the group, as its spec says.
            boolean inGroup = words.length == 1 && commands.commands().stream().anyMatch(other -> other.name().startsWith(words[0] + " "));
            FakeDiscord.Interaction interaction = inGroup
                    ? discord.slashCommand(channel, alice, prefix + "alice", words[0], spec.asGroupMember() != null ? spec.asGroupMember() : "new",
                            options.toArray(FakeDiscord.Option[]::new))
                    : words.length == 1
                    ? discord.slashCommand(channel, alice, prefix + "alice", null, words[0], options.toArray(FakeDiscord.Option[]::new))
                    : discord.slashCommand(channel, alice, prefix + "alice", words[0], words[1].replace(' ', '-'), options.toArray(FakeDiscord.Option[]::new));
            // Announcements land in the channel too (repo connect posts one), so the answer is found by its text.
            AtomicReference<Seen> seen = new AtomicReference<>();
            await().atMost(WAIT).untilAsserted(() -> {
                String inChannel = visible(discord.channelMessages(channel).stream().skip(before).toList());
                String replies = visible(discord.interactionReplies(interaction));
                assertThat(inChannel + "\n" + replies).as("%s answered on Discord", spec.name()).contains(answer);
                seen.set(new Seen(inChannel.contains(answer), inChannel + "\n" + replies, List.of()));
            });
            return seen.get();
        }

        private String visible(List<JsonNode> messages) {
            return normalize(messages.stream().map(FakeDiscord::visibleText).collect(Collectors.joining("\n")));
        }
    }
}
