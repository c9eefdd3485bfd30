package com.ticolops.bot.activity;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.Role;
import com.ticolops.bot.user.Users;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.chat.Reply;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** {@code who}: each member of the channel's project, whether they are at their desk, on what, since when, their local time. */
@Component
class WhoCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("who", "Shows who in this project is online, on what, since when, and their local time",
            List.of(), Role.MEMBER, "who");

    private final Presence presence;
    private final Users users;

    WhoCommand(Presence presence, Users users) {
        this.presence = presence;
        this.users = users;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        List<Presence.Member> members = presence.who(context.project());
        long online = members.stream().filter(m -> m.status() == Presence.Status.ONLINE).count();
        Instant now = Instant.now();
        return Reply.privately(context.project().name() + ": " + online + " of " + members.size() + " online.")
                .withSection("Members", members.stream().map(member -> line(member, context.actor().platform(), now)).collect(Collectors.joining("\n")));
    }

    private String line(Presence.Member member, Platform platform, Instant now) {
        String on = member.on().map(a -> a.type().id() + " " + a.location() + (a.branch().isEmpty() ? "" : " on " + a.branch())
                + " since " + ActivityReplies.utc(a.startedAt())).orElse("on nothing they named");
        String seen = member.lastSeen().map(at -> "last seen " + ActivityReplies.utc(at)).orElse("never seen");
        String local = member.zone().map(zone -> "local time " + ActivityReplies.local(now, zone)).orElse("time zone not set");
        return users.mention(member.userId(), platform) + " — " + member.status().id() + " — "
                + (member.status() == Presence.Status.OFFLINE ? seen : on) + " — " + local;
    }
}
