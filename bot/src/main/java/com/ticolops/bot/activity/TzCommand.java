package com.ticolops.bot.activity;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class TzCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("tz", "Sets your time zone, for who and for quiet hours",
            List.of(OptionSpec.required("zone", OptionType.WORD, "a time zone name, e.g. Europe/Berlin")), null, "tz Europe/Berlin");

    private final Presence presence;

    TzCommand(Presence presence) {
        this.presence = presence;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        ZoneId zone = ActivityReplies.refusing(() -> presence.setTimeZone(context.userId(), context.option("zone")));
        return Reply.privately("Your time zone is now " + zone.getId() + ": it is " + ActivityReplies.TIME.format(Instant.now().atZone(zone))
                + " for you.");
    }
}
