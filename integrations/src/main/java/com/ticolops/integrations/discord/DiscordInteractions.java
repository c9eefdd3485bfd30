package com.ticolops.integrations.discord;

import com.ticolops.integrations.chat.Actor;
import com.ticolops.integrations.chat.CommandInvocation;
import com.ticolops.integrations.chat.CommandPort;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.Conversation;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slash commands and button clicks, handed to the dispatcher as neutral commands.
 *
 * <p>Every interaction is deferred at once and <em>ephemerally</em>: whether the reply is private is known only after
 * the command ran, and a deferred reply cannot change its visibility. Deferring in public would show private replies
 * (errors, a new webhook secret) to the whole channel; deferring privately costs in-channel replies a different
 * route: they are posted to the channel as the bot's own messages and the private "thinking…" placeholder is removed.
 * When the bot may not post in the channel, the in-channel reply is shown privately instead, so it is never lost.
 */
final class DiscordInteractions extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(DiscordInteractions.class);

    private final CommandPort commands;
    private final DiscordCommands registered;
    private final DiscordReplies replies;
    private final DiscordButtons buttons;
    private final DiscordChannels channels;
    private final String guildId;

    DiscordInteractions(CommandPort commands, DiscordCommands registered, DiscordReplies replies, DiscordButtons buttons,
                        DiscordChannels channels, String guildId) {
        this.commands = commands;
        this.registered = registered;
        this.replies = replies;
        this.buttons = buttons;
        this.channels = channels;
        this.guildId = guildId;
    }

    @Override
    public void onReady(ReadyEvent event) {
        SlashCommandData data = registered.data();
        if (guildId == null) {
            event.getJDA().updateCommands().addCommands(data).queue(done -> log.info("Registered /{} globally", DiscordCommands.ROOT),
                    e -> log.error("Could not register /{} with Discord", DiscordCommands.ROOT, e));
            return;
        }
        var guild = event.getJDA().getGuildById(guildId);
        if (guild == null) {
            log.error("The bot is not in the Discord server {} (ticolops.discord.guild-id): /{} is not registered", guildId, DiscordCommands.ROOT);
            return;
        }
        guild.updateCommands().addCommands(data).queue(done -> log.info("Registered /{} in server {}", DiscordCommands.ROOT, guildId),
                e -> log.error("Could not register /{} in server {}", DiscordCommands.ROOT, guildId, e));
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        if (!event.getName().equals(DiscordCommands.ROOT)) {
            return;
        }
        event.deferReply(true).queue();
        Optional<CommandSpec> spec = registered.spec(event.getSubcommandGroup(), event.getSubcommandName());
        if (spec.isPresent()) {
            Map<String, String> options = DiscordCommands.options(spec.get(),
                    name -> Optional.ofNullable(event.getOption(name)).map(OptionMapping::getAsString));
            run(event, (actor, conversation) -> CommandInvocation.typed(actor, conversation, spec.get().name(), options));
            return;
        }
        // Registered by an older version of Ticolops: the dispatcher explains what exists now.
        String typed = Stream.concat(Stream.of(event.getSubcommandGroup(), event.getSubcommandName()),
                        event.getOptions().stream().map(OptionMapping::getAsString))
                .filter(word -> word != null && !word.isBlank()).collect(Collectors.joining(" "));
        run(event, (actor, conversation) -> new CommandInvocation(actor, conversation, typed));
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        if (!DiscordButtons.isOurs(event.getComponentId())) {
            return;
        }
        event.deferReply(true).queue();
        Optional<String> command = buttons.command(event.getComponentId());
        if (command.isEmpty()) {
            answer(event, Reply.privately("This button has expired. Run the command again with /" + DiscordCommands.ROOT + "."));
            return;
        }
        run(event, (actor, conversation) -> new CommandInvocation(actor, conversation, command.get()));
    }

    private void run(IReplyCallback event, BiFunction<Actor, Conversation, CommandInvocation> invocation) {
        User user = event.getUser();
        String name = event.getMember() != null ? event.getMember().getEffectiveName() : user.getEffectiveName();
        CommandInvocation command = invocation.apply(new Actor(Platform.DISCORD, user.getId(), name), new Conversation(Platform.DISCORD, event.getChannelId()));
        Reply reply;
        try {
            reply = commands.handle(command);
        } catch (RuntimeException e) {
            log.error("Discord command `{}` failed", command.text(), e);
            reply = Reply.privately("Something went wrong running that command; it was logged.");
        }
        answer(event, reply);
    }

    private void answer(IReplyCallback event, Reply reply) {
        InteractionHook hook = event.getHook();
        List<MessageCreateData> messages = replies.render(reply);
        if (reply.visibility() == Reply.Visibility.IN_CHANNEL) {
            try {
                messages.forEach(message -> channels.post(event.getChannelId(), message));
                hook.deleteOriginal().queue();
                return;
            } catch (RuntimeException e) {
                log.warn("Could not post in Discord channel {} ({}); answering privately", event.getChannelId(), e.getMessage());
            }
        }
        try {
            hook.editOriginal(MessageEditData.fromCreateData(messages.get(0))).complete();
            messages.stream().skip(1).forEach(message -> hook.sendMessage(message).setEphemeral(true).complete());
        } catch (RuntimeException e) {
            log.error("Could not answer a Discord interaction in channel {}", event.getChannelId(), e);
        }
    }
}
