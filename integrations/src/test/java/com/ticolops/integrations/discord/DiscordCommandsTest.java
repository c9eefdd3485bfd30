package com.ticolops.integrations.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.TestRole;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandGroupData;
import org.junit.jupiter.api.Test;

class DiscordCommandsTest {

    static final CommandSpec HELP = new CommandSpec("help", "Shows what Ticolops can do",
            List.of(OptionSpec.optional("command", OptionType.TEXT, "a command to explain")), null, "help project create");
    static final CommandSpec PROJECT_CREATE = new CommandSpec("project create", "Creates a project",
            List.of(OptionSpec.required("name", OptionType.WORD, "the project's name")), null, "project create shop");
    static final CommandSpec MEMBER_ADD = new CommandSpec("member add", "Adds someone to the channel's project",
            List.of(OptionSpec.required("user", OptionType.USER, "who"), OptionSpec.choice("role", false, "their role", List.of("member", "maintainer", "admin"))),
            TestRole.ADMIN, "member add @bob maintainer");

    @Test
    void groupedCommandsBecomeSubcommandGroupsAndOneWordCommandsTopLevelSubcommands() {
        SlashCommandData data = DiscordCommands.of(List.of(HELP, PROJECT_CREATE, MEMBER_ADD)).data();

        assertThat(data.getName()).isEqualTo("ticolops");
        assertThat(data.getSubcommands()).extracting(SubcommandData::getName).containsExactly("help");
        assertThat(data.getSubcommandGroups()).extracting(SubcommandGroupData::getName).containsExactly("project", "member");
        SubcommandData add = data.getSubcommandGroups().get(1).getSubcommands().get(0);
        assertThat(add.getName()).isEqualTo("add");
        assertThat(add.getOptions()).extracting(OptionData::getName, OptionData::getType, OptionData::isRequired).containsExactly(
                org.assertj.core.groups.Tuple.tuple("user", net.dv8tion.jda.api.interactions.commands.OptionType.USER, true),
                org.assertj.core.groups.Tuple.tuple("role", net.dv8tion.jda.api.interactions.commands.OptionType.STRING, false));
        assertThat(add.getOptions().get(1).getChoices()).extracting(c -> c.getAsString()).containsExactly("member", "maintainer", "admin");
    }

    @Test
    void anInteractionsPathLeadsBackToItsSpec() {
        DiscordCommands commands = DiscordCommands.of(List.of(HELP, PROJECT_CREATE, MEMBER_ADD));

        assertThat(commands.spec("project", "create")).contains(PROJECT_CREATE);
        assertThat(commands.spec(null, "help")).contains(HELP);
        assertThat(commands.spec("project", "delete")).isEmpty();
    }

    @Test
    void optionsReachTheDispatcherByNameAsDiscordSentThem() {
        Map<String, String> given = Map.of("role", "maintainer", "user", "123");

        assertThat(DiscordCommands.options(MEMBER_ADD, name -> Optional.ofNullable(given.get(name))))
                .containsExactly(Map.entry("user", "123"), Map.entry("role", "maintainer"));
        assertThat(DiscordCommands.options(PROJECT_CREATE, name -> Optional.of("my shop"))).containsExactly(Map.entry("name", "my shop"));
    }

    @Test
    void anOptionGivenAfterOneLeftOutKeepsItsName() {
        CommandSpec connect = new CommandSpec("repo connect", "Connects a repository", List.of(OptionSpec.required("provider", OptionType.WORD, "github"),
                OptionSpec.optional("repository", OptionType.WORD, "owner/name"), OptionSpec.optional("branch", OptionType.WORD, "branch")), TestRole.MAINTAINER,
                "repo connect github octo/shop");

        assertThat(DiscordCommands.options(connect, name -> name.equals("repository") ? Optional.empty() : Optional.of("x")))
                .containsExactly(Map.entry("provider", "x"), Map.entry("branch", "x"));
    }

    @Test
    void aRequiredOptionAfterAnOptionalOneIsRegisteredAsOptionalBecauseDiscordWantsRequiredOnesFirst() {
        CommandSpec odd = new CommandSpec("odd one", "Odd", List.of(OptionSpec.optional("first", OptionType.WORD, "a"),
                OptionSpec.required("second", OptionType.WORD, "b")), null, "odd one a b");

        SubcommandData sub = DiscordCommands.of(List.of(odd)).data().getSubcommandGroups().get(0).getSubcommands().get(0);

        assertThat(sub.getOptions()).extracting(OptionData::isRequired).containsExactly(false, false);
    }

    @Test
    void aOneWordCommandNamedLikeAGroupJoinsThatGroup() {
        CommandSpec blocker = new CommandSpec("blocker", "Reports a blocker", List.of(OptionSpec.required("text", OptionType.TEXT, "what blocks you")),
                TestRole.MEMBER, "blocker waiting for the API key");
        CommandSpec resolve = new CommandSpec("blocker resolve", "Resolves a blocker", List.of(OptionSpec.required("id", OptionType.WORD, "its id")),
                TestRole.MEMBER, "blocker resolve 12");

        DiscordCommands commands = DiscordCommands.of(List.of(blocker, resolve));

        assertThat(commands.data().getSubcommands()).isEmpty();
        assertThat(commands.spec("blocker", DiscordCommands.IN_GROUP_NAME)).contains(blocker);
        assertThat(commands.spec("blocker", "resolve")).contains(resolve);
    }

    @Test
    void aOneWordCommandThatNamesItsPlaceInTheGroupIsFoundThere() {
        CommandSpec notify = new CommandSpec("notify", "Shows your notification settings", List.of(), null, "notify").asGroupMember("show");
        CommandSpec via = new CommandSpec("notify via", "Chooses the channel", List.of(OptionSpec.required("channel", OptionType.WORD, "slack")),
                null, "notify via slack");

        DiscordCommands commands = DiscordCommands.of(List.of(notify, via));

        assertThat(commands.spec("notify", "show")).contains(notify);
        assertThat(commands.spec("notify", DiscordCommands.IN_GROUP_NAME)).isEmpty();
        assertThat(commands.spec("notify", "via")).contains(via);
    }

    @Test
    void moreThan25TopLevelEntriesMoveOneWordCommandsIntoAGroup() {
        List<CommandSpec> many = IntStream.rangeClosed(1, 30).mapToObj(i -> new CommandSpec("c" + i, "command " + i, List.of(), null, "c" + i)).toList();

        DiscordCommands commands = DiscordCommands.of(many);

        assertThat(commands.data().getSubcommands().size() + commands.data().getSubcommandGroups().size()).isEqualTo(25);
        assertThat(many).allSatisfy(spec -> assertThat(commands.spec(null, spec.name()).or(() -> commands.spec("more", spec.name()))).contains(spec));
    }

    @Test
    void descriptionsLongerThanDiscordAllowsEndInAnEllipsisAndNamesAreLowercased() {
        CommandSpec loud = new CommandSpec("Loud", "x".repeat(150), List.of(OptionSpec.required("Name", OptionType.WORD, "y".repeat(120))), null, "loud a");

        SubcommandData sub = DiscordCommands.of(List.of(loud)).data().getSubcommands().get(0);

        assertThat(sub.getName()).isEqualTo("loud");
        assertThat(sub.getDescription()).hasSize(100).endsWith("…");
        assertThat(sub.getOptions().get(0).getName()).isEqualTo("name");
        assertThat(sub.getOptions().get(0).getDescription()).hasSize(100);
    }

    @Test
    void aNameDiscordCannotTakeFailsAtStartWithTheCommandNamed() {
        CommandSpec bad = new CommandSpec("deploy now!", "Deploys", List.of(), null, "deploy now!");

        assertThatThrownBy(() -> DiscordCommands.of(List.of(bad))).hasMessageContaining("`deploy now!` cannot be a Discord command name");
    }
}
