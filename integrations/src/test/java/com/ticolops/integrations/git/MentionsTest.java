package com.ticolops.integrations.git;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MentionsTest {

    @Test
    void mentionsAreTheLoginsAfterAnAtEachOnceInTheOrderWritten() {
        assertThat(Mentions.in("@alice-gh can you look? cc @Bob.Smith, @alice-GH again.")).containsExactly("alice-gh", "Bob.Smith");
    }

    @Test
    void anEmailAddressOrAMentionInCodeIsNoMention() {
        assertThat(Mentions.in("mail jane@example.com, see `@decorator` and\n```\n@Override\n```\nthanks @carol")).containsExactly("carol");
    }

    @Test
    void noTextMentionsNoOne() {
        assertThat(Mentions.in(null)).isEmpty();
        assertThat(Mentions.in("  ")).isEmpty();
    }
}
