package com.ticolops.bot.deployment;

import com.ticolops.bot.command.Role;
import java.time.ZoneId;
import java.util.List;

/**
 * What it takes to deploy to an environment.
 *
 * @param allowedChannels the channel ids it may be deployed from; empty: any channel of the project
 * @param queueWhenBusy   a deploy while another runs waits for it (true) or is refused (false)
 * @param timeZone        the zone its freeze windows are read in
 * @param projectTimeZone whether that is the project's (the environment names none of its own)
 */
public record Rules(Role requiredRole, List<String> allowedChannels, boolean confirmationRequired, boolean queueWhenBusy, ZoneId timeZone,
                    boolean projectTimeZone, List<Freeze> freezes) {

    public Rules {
        allowedChannels = List.copyOf(allowedChannels);
        freezes = List.copyOf(freezes);
    }

    /** Production needs a maintainer; any other environment a member. */
    static Role defaultRole(String environment) {
        return environment.equalsIgnoreCase("production") || environment.equalsIgnoreCase("prod") ? Role.MAINTAINER : Role.MEMBER;
    }
}
