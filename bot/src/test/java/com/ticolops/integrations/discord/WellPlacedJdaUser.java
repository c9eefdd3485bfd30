package com.ticolops.integrations.discord;

import net.dv8tion.jda.api.entities.User;

/** Uses JDA where JDA belongs: the boundary test checks that its rule lets this pass. */
public class WellPlacedJdaUser {

    String name(User user) {
        return user.getName();
    }
}
