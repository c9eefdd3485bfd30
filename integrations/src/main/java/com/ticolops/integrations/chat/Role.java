package com.ticolops.integrations.chat;

/** A member's role in a project, lowest first: each role can do everything the ones before it can. */
public enum Role {
    MEMBER, MAINTAINER, ADMIN;

    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    /** "an admin", "a member": for sentences. */
    public String withArticle() {
        return (this == ADMIN ? "an " : "a ") + id();
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
