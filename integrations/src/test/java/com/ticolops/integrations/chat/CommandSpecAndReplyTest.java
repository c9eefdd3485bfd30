package com.ticolops.integrations.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandSpecAndReplyTest {

    // OptionSpec.usage()

    @Test
    void GIVEN_a_required_option_WHEN_shown_in_a_usage_line_THEN_it_is_in_angle_brackets() {
        assertThat(OptionSpec.required("name", OptionType.WORD, "project name").usage()).isEqualTo("<name>");
    }

    @Test
    void GIVEN_an_optional_option_WHEN_shown_in_a_usage_line_THEN_it_is_in_square_brackets() {
        assertThat(OptionSpec.optional("message", OptionType.TEXT, "what to say").usage()).isEqualTo("[message]");
    }

    @Test
    void GIVEN_a_user_option_WHEN_shown_in_a_usage_line_THEN_it_is_written_as_a_mention() {
        assertThat(OptionSpec.required("member", OptionType.USER, "who").usage()).isEqualTo("<@member>");
        assertThat(OptionSpec.optional("member", OptionType.USER, "who").usage()).isEqualTo("[@member]");
    }

    @Test
    void GIVEN_a_choice_option_WHEN_shown_in_a_usage_line_THEN_it_shows_its_name_like_any_other_option() {
        OptionSpec role = OptionSpec.choice("role", true, "the member's role", List.of("member", "maintainer", "admin"));

        assertThat(role.type()).isEqualTo(OptionType.CHOICE);
        assertThat(role.usage()).isEqualTo("<role>");
        assertThat(OptionSpec.choice("role", false, "the member's role", List.of("member")).usage()).isEqualTo("[role]");
    }

    @Test
    void GIVEN_choices_from_a_mutable_list_WHEN_the_list_changes_afterwards_THEN_the_option_keeps_its_choices() {
        List<String> choices = new ArrayList<>(List.of("member", "admin"));
        OptionSpec role = OptionSpec.choice("role", true, "the member's role", choices);

        choices.add("owner");

        assertThat(role.choices()).containsExactly("member", "admin");
        assertThatThrownBy(() -> role.choices().add("owner")).isInstanceOf(UnsupportedOperationException.class);
    }

    // CommandSpec.usage() and group()

    @Test
    void GIVEN_a_command_with_options_WHEN_its_usage_is_shown_THEN_it_is_the_name_then_each_option_in_order() {
        CommandSpec add = new CommandSpec("member add", "Add a member to the channel's project",
                List.of(OptionSpec.required("member", OptionType.USER, "who"),
                        OptionSpec.choice("role", false, "their role", List.of("member", "maintainer", "admin"))),
                TestRole.ADMIN, "member add @bob maintainer");

        assertThat(add.usage()).isEqualTo("member add <@member> [role]");
    }

    @Test
    void GIVEN_a_command_without_options_WHEN_its_usage_is_shown_THEN_it_is_just_the_name() {
        CommandSpec help = new CommandSpec("help", "Show the commands", List.of(), null, "help");

        assertThat(help.usage()).isEqualTo("help");
    }

    @Test
    void GIVEN_a_sub_command_WHEN_grouped_THEN_its_group_is_the_first_word_of_its_name() {
        CommandSpec add = new CommandSpec("member add", "Add a member", List.of(), TestRole.ADMIN, "member add @bob");

        assertThat(add.group()).isEqualTo("member");
    }

    @Test
    void GIVEN_a_single_word_command_WHEN_grouped_THEN_its_group_is_its_name() {
        CommandSpec help = new CommandSpec("help", "Show the commands", List.of(), null, "help");

        assertThat(help.group()).isEqualTo("help");
    }

    @Test
    void GIVEN_options_from_a_mutable_list_WHEN_the_list_changes_afterwards_THEN_the_command_keeps_its_options() {
        List<OptionSpec> options = new ArrayList<>(List.of(OptionSpec.required("name", OptionType.WORD, "project name")));
        CommandSpec create = new CommandSpec("project create", "Create a project", options, null, "project create rocket");

        options.add(OptionSpec.optional("extra", OptionType.WORD, "sneaked in"));

        assertThat(create.usage()).isEqualTo("project create <name>");
        assertThatThrownBy(() -> create.options().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    // Reply builders

    @Test
    void GIVEN_a_private_reply_WHEN_built_THEN_only_the_caller_sees_it_and_it_has_nothing_but_text() {
        Reply reply = Reply.privately("Only for you");

        assertThat(reply.text()).isEqualTo("Only for you");
        assertThat(reply.visibility()).isEqualTo(Reply.Visibility.EPHEMERAL);
        assertThat(reply.sections()).isEmpty();
        assertThat(reply.fields()).isEmpty();
        assertThat(reply.buttons()).isEmpty();
    }

    @Test
    void GIVEN_an_in_channel_reply_WHEN_built_THEN_everyone_in_the_channel_sees_it() {
        assertThat(Reply.inChannel("Hello, channel").visibility()).isEqualTo(Reply.Visibility.IN_CHANNEL);
    }

    @Test
    void GIVEN_a_reply_WHEN_a_section_is_added_THEN_a_new_reply_has_it_and_the_original_is_unchanged() {
        Reply original = Reply.inChannel("Project rocket");

        Reply withSection = original.withSection("Members", "alice (admin)\nbob (member)");

        assertThat(withSection).isNotSameAs(original);
        assertThat(withSection.sections()).containsExactly(new Reply.Section("Members", "alice (admin)\nbob (member)"));
        assertThat(withSection.text()).isEqualTo("Project rocket");
        assertThat(withSection.visibility()).isEqualTo(Reply.Visibility.IN_CHANNEL);
        assertThat(original.sections()).isEmpty();
    }

    @Test
    void GIVEN_a_reply_WHEN_fields_and_links_are_added_THEN_they_keep_the_order_they_were_added_in() {
        Reply reply = Reply.privately("Repository connected")
                .withField("Repository", "acme/rocket")
                .withField("Provider", "github")
                .withLink("Open on GitHub", "https://github.com/acme/rocket")
                .withLink("Webhook settings", "https://github.com/acme/rocket/settings/hooks")
                .withSection("Next", "Add the webhook");

        assertThat(reply.fields()).containsExactly(new Reply.Field("Repository", "acme/rocket"), new Reply.Field("Provider", "github"));
        assertThat(reply.buttons()).containsExactly(Reply.Button.link("Open on GitHub", "https://github.com/acme/rocket"),
                Reply.Button.link("Webhook settings", "https://github.com/acme/rocket/settings/hooks"));
        assertThat(reply.sections()).containsExactly(new Reply.Section("Next", "Add the webhook"));
        assertThat(reply.visibility()).isEqualTo(Reply.Visibility.EPHEMERAL);
    }

    @Test
    void GIVEN_a_reply_WHEN_two_replies_are_built_from_it_THEN_neither_sees_the_other_ones_additions() {
        Reply base = Reply.inChannel("Status").withField("Build", "green");

        Reply a = base.withField("Deploy", "done");
        Reply b = base.withField("Deploy", "failed");

        assertThat(base.fields()).containsExactly(new Reply.Field("Build", "green"));
        assertThat(a.fields()).extracting(Reply.Field::value).containsExactly("green", "done");
        assertThat(b.fields()).extracting(Reply.Field::value).containsExactly("green", "failed");
    }

    @Test
    void GIVEN_any_reply_WHEN_its_lists_are_modified_THEN_they_refuse() {
        Reply reply = Reply.inChannel("Hi").withSection("A", "a").withField("B", "b").withLink("C", "https://example.com");

        assertThatThrownBy(() -> reply.sections().add(new Reply.Section("X", "x"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> reply.fields().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> reply.buttons().remove(0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void GIVEN_a_reply_made_from_mutable_lists_WHEN_the_lists_change_afterwards_THEN_the_reply_does_not() {
        List<Reply.Field> fields = new ArrayList<>(List.of(new Reply.Field("Build", "green")));
        Reply reply = new Reply("Status", List.of(), fields, List.of(), Reply.Visibility.IN_CHANNEL);

        fields.add(new Reply.Field("Deploy", "done"));

        assertThat(reply.fields()).containsExactly(new Reply.Field("Build", "green"));
    }

    @Test
    void GIVEN_links_from_a_payload_WHEN_one_is_not_http_or_https_THEN_it_is_dropped_and_the_web_links_are_kept() {
        Reply reply = Reply.inChannel("alice pushed 1 commit")
                .withLink("View commit", "javascript:alert(document.cookie)")
                .withLink("Data", "data:text/html,<script>alert(1)</script>")
                .withLink("Mixed case", "JaVaScRiPt:alert(1)")
                .withLink("Leading space", " javascript:alert(1)")
                .withLink("No host", "https:///etc/passwd")
                .withLink("Relative", "/settings")
                .withLink("Compare changes", "https://github.com/octo-org/shop/compare/a1b2c3d^...e4f5a6b")
                .withLink("Plain http", "HTTP://gitlab.internal.example.com/acme/infra/-/pipelines/7")
                .withAction("Help", "help");

        assertThat(reply.buttons()).extracting(Reply.Button::label).containsExactly("Compare changes", "Plain http", "Help");
    }

    @Test
    void GIVEN_a_reply_built_with_a_javascript_link_button_directly_WHEN_created_THEN_the_button_is_dropped_too() {
        Reply reply = new Reply("Hi", List.of(), List.of(), List.of(Reply.Button.link("Open", "javascript:alert(1)")), Reply.Visibility.IN_CHANNEL);

        assertThat(reply.buttons()).isEmpty();
    }
}
