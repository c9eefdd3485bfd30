package com.ticolops.bot.announcement;

import com.ticolops.integrations.git.GitProvider;

/** The anchor keys messages about one thing share, for modules that reply in the thread of a pull request's message. */
public final class AnnouncementKeys {

    private AnnouncementKeys() {
    }

    /** A pull (GitHub) or merge (GitLab) request's anchor, e.g. {@code github:acme/shop#12}. */
    public static String pullRequest(GitProvider provider, String repository, String number) {
        return provider.id() + ":" + repository + "#" + number;
    }
}
