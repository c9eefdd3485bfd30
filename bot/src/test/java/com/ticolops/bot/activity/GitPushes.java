package com.ticolops.bot.activity;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/** Small GitHub push payloads with the files a test needs: one commit by {@code login}, modifying {@code files}. */
public final class GitPushes {

    private GitPushes() {
    }

    public static byte[] push(String repository, String branch, String login, String... files) {
        String modified = Arrays.stream(files).map(f -> "\"" + f + "\"").collect(Collectors.joining(","));
        String sha = UUID.randomUUID().toString().replace("-", "") + "abcdefgh";
        return ("""
                {"ref":"refs/heads/%s","before":"0000000000000000000000000000000000000001","after":"%s","created":false,"deleted":false,
                 "forced":false,"compare":"https://github.com/%s/compare/a...b",
                 "commits":[{"id":"%s","message":"Work","url":"https://github.com/%s/commit/%s","timestamp":"2026-12-01T10:00:00Z",
                   "author":{"name":"%s","username":"%s"},"added":[],"modified":[%s],"removed":[]}],
                 "repository":{"full_name":"%s","html_url":"https://github.com/%s"},"pusher":{"name":"%s"},"sender":{"login":"%s"}}""")
                .formatted(branch, sha, repository, sha, repository, sha, login, login, modified, repository, repository, login, login)
                .getBytes(StandardCharsets.UTF_8);
    }
}
