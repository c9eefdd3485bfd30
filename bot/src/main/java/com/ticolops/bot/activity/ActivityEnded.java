package com.ticolops.bot.activity;

/** Some of a project's activities ended: {@code working stop}, a merged or closed pull request, a deleted branch. */
public record ActivityEnded(long projectId) {
}
