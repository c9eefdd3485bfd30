package com.ticolops.integrations.discord;

import static org.assertj.core.api.Assertions.assertThat;

import net.dv8tion.jda.api.JDA;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DiscordConfigurationTest {

    final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(DiscordConfiguration.class);

    @Test
    void withoutABotTokenNothingOfDiscordStarts() {
        context.run(started -> assertThat(started).doesNotHaveBean(JDA.class).doesNotHaveBean("discordHealthIndicator").doesNotHaveBean(DiscordSender.class));
    }

    @Test
    void aBlankBotTokenCountsAsNone() {
        context.withPropertyValues("ticolops.discord.bot-token= ").run(started -> assertThat(started).doesNotHaveBean(JDA.class));
    }
}
