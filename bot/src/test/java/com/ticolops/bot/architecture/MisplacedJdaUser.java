package com.ticolops.bot.architecture;

import net.dv8tion.jda.api.entities.User;

/** Breaks the SDK boundary on purpose: the boundary test checks that its rule catches this. */
class MisplacedJdaUser {

    String name(User user) {
        return user.getName();
    }
}
