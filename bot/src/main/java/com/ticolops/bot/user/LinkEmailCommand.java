package com.ticolops.bot.user;

import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

@Component
class LinkEmailCommand extends LinkCommand {

    LinkEmailCommand(Users users) {
        super(users, IdentityKind.EMAIL, "email address", "address", Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"),
                "an address like jane@example.com", "jane@example.com");
    }
}
