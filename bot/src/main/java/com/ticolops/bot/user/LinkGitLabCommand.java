package com.ticolops.bot.user;

import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

@Component
class LinkGitLabCommand extends LinkCommand {

    LinkGitLabCommand(Users users) {
        super(users, IdentityKind.GITLAB, "GitLab username", "username", Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]{0,254}"),
                "letters, digits, '_', '.' and '-'", "jane.doe");
    }
}
