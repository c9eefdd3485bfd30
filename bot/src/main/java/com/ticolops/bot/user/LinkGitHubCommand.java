package com.ticolops.bot.user;

import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

@Component
class LinkGitHubCommand extends LinkCommand {

    LinkGitHubCommand(Users users) {
        super(users, IdentityKind.GITHUB, "GitHub login", "login", Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}"),
                "letters, digits and single hyphens, at most 39 characters", "octocat");
    }
}
