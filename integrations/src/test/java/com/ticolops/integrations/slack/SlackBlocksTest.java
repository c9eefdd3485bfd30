package com.ticolops.integrations.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.ButtonElement;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlackBlocksTest {

    @Test
    void textSectionsFieldsAndButtonsBecomeBlocksInOrder() {
        Reply reply = Reply.inChannel("Created project shop.")
                .withSection("Next steps", "Connect a repository")
                .withField("Role", "admin")
                .withLink("Docs", "https://example.com/docs")
                .withAction("Use shop", "project use shop");

        List<SlackBlocks.Message> messages = SlackBlocks.render(reply);

        assertThat(messages).hasSize(1);
        List<LayoutBlock> blocks = messages.get(0).blocks();
        assertThat(messages.get(0).text()).isEqualTo("Created project shop.");
        assertThat(text(blocks.get(0))).isEqualTo("Created project shop.");
        assertThat(text(blocks.get(1))).isEqualTo("*Next steps*\nConnect a repository");
        assertThat(((SectionBlock) blocks.get(2)).getFields()).extracting(f -> f.getText() ).containsExactly("*Role*\nadmin");
        List<ButtonElement> buttons = ((ActionsBlock) blocks.get(3)).getElements().stream().map(ButtonElement.class::cast).toList();
        assertThat(buttons.get(0).getUrl()).isEqualTo("https://example.com/docs");
        assertThat(buttons.get(0).getActionId()).startsWith(SlackBlocks.LINK_ACTION);
        assertThat(buttons.get(1).getValue()).isEqualTo("project use shop");
        assertThat(buttons.get(1).getActionId()).startsWith(SlackBlocks.RUN_ACTION);
        assertThat(buttons.get(1).getText().getText()).isEqualTo("Use shop");
        assertThat(SlackBlocks.responseType(reply)).isEqualTo("in_channel");
        assertThat(SlackBlocks.responseType(Reply.privately("x"))).isEqualTo("ephemeral");
    }

    @Test
    void mentionsStayMentionsWhileOtherAngleBracketsAndAmpersandsAreEscaped() {
        Reply reply = Reply.inChannel("<@U123> added <@U456|bob> to a&b <script> <#C42> <!here>");

        assertThat(text(SlackBlocks.render(reply).get(0).blocks().get(0)))
                .isEqualTo("<@U123> added <@U456|bob> to a&amp;b &lt;script&gt; <#C42> <!here>");
    }

    @Test
    void aLongTextIsSplitAcrossSectionsWithNothingLost() {
        String line = "x".repeat(99);
        String text = IntStream.range(0, 70).mapToObj(i -> line).collect(Collectors.joining("\n"));

        List<LayoutBlock> blocks = SlackBlocks.render(Reply.privately(text)).get(0).blocks();

        assertThat(blocks).hasSize(3).allSatisfy(block -> assertThat(text(block).length()).isLessThanOrEqualTo(SlackBlocks.MAX_SECTION_TEXT));
        assertThat(blocks.stream().map(SlackBlocksTest::text).collect(Collectors.joining("\n"))).isEqualTo(text);
    }

    @Test
    void aLineWithoutBreaksIsCutHardButNeverInsideAnEscape() {
        String text = "a".repeat(2998) + "&" + "b".repeat(10);

        List<LayoutBlock> blocks = SlackBlocks.render(Reply.privately(text)).get(0).blocks();

        assertThat(text(blocks.get(0))).isEqualTo("a".repeat(2998));
        assertThat(text(blocks.get(1))).isEqualTo("&amp;" + "b".repeat(10));
    }

    @Test
    void moreThanTenFieldsFillSeveralSections() {
        Reply reply = Reply.privately("Fields");
        for (int i = 1; i <= 12; i++) {
            reply = reply.withField("name " + i, "value " + i);
        }

        List<LayoutBlock> blocks = SlackBlocks.render(reply).get(0).blocks();

        assertThat(((SectionBlock) blocks.get(1)).getFields()).hasSize(10);
        assertThat(((SectionBlock) blocks.get(2)).getFields()).hasSize(2);
    }

    @Test
    void aFieldTooLongForAFieldBecomesItsOwnSection() {
        Reply reply = Reply.privately("Big").withField("Log", "y".repeat(2500));

        List<LayoutBlock> blocks = SlackBlocks.render(reply).get(0).blocks();

        assertThat(text(blocks.get(1))).isEqualTo("*Log*\n" + "y".repeat(2500));
    }

    @Test
    void moreThanFiftyBlocksAreSplitIntoNumberedMessages() {
        Reply reply = Reply.inChannel("Many sections");
        for (int i = 1; i <= 120; i++) {
            reply = reply.withSection("Section " + i, "body " + i);
        }

        List<SlackBlocks.Message> messages = SlackBlocks.render(reply);

        assertThat(messages).hasSize(3).allSatisfy(m -> assertThat(m.blocks().size()).isLessThanOrEqualTo(SlackBlocks.MAX_BLOCKS));
        assertThat(messages.get(2).blocks().get(messages.get(2).blocks().size() - 1)).isInstanceOfSatisfying(ContextBlock.class,
                context -> assertThat(((MarkdownTextObject) context.getElements().get(0)).getText()).isEqualTo("Part 3 of 3"));
        List<String> sectionTexts = messages.stream().flatMap(m -> m.blocks().stream()).filter(SectionBlock.class::isInstance)
                .map(SlackBlocksTest::text).toList();
        assertThat(sectionTexts).hasSize(121).contains("*Section 1*\nbody 1", "*Section 120*\nbody 120");
    }

    @Test
    void moreThanTwentyFiveButtonsFillSeveralActionBlocksAndLongLabelsShowAnEllipsis() {
        Reply reply = Reply.privately("Buttons").withAction("L".repeat(80), "project list");
        for (int i = 1; i < 30; i++) {
            reply = reply.withAction("Use p" + i, "project use p" + i);
        }

        List<LayoutBlock> blocks = SlackBlocks.render(reply).get(0).blocks();

        assertThat(((ActionsBlock) blocks.get(1)).getElements()).hasSize(25);
        assertThat(((ActionsBlock) blocks.get(2)).getElements()).hasSize(5);
        String label = ((ButtonElement) ((ActionsBlock) blocks.get(1)).getElements().get(0)).getText().getText();
        assertThat(label).hasSize(SlackBlocks.MAX_BUTTON_LABEL).endsWith("…");
    }

    private static String text(LayoutBlock block) {
        return ((SectionBlock) block).getText().getText();
    }
}
