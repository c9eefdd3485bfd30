package com.ticolops.integrations.chat;

import java.util.Locale;

/** Roles for adapter tests: the adapters see a spec's role only as its name. */
public enum TestRole implements RequiredRole {
    MEMBER, MAINTAINER, ADMIN;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
