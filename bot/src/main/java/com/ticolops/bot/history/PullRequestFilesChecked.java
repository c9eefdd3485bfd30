package com.ticolops.bot.history;

import com.ticolops.integrations.git.GitProvider;
import java.util.List;

/**
 * The provider told us which files a pull (merge) request changes, now stored with it. Published after each answer,
 * since no webhook lists the files: activity and conflicts learn them here.
 */
public record PullRequestFilesChecked(GitProvider provider, String repository, long projectId, int number, String author,
                                      String sourceBranch, String targetBranch, List<String> files) {

    public PullRequestFilesChecked {
        files = List.copyOf(files);
    }
}
