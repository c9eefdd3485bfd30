package com.ticolops.integrations.git;

public enum GitProvider {
    GITHUB, GITLAB;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
