package com.ticolops.bot.project;

import com.ticolops.bot.command.Role;
import java.util.Optional;

/**
 * A project use case refused by one of its rules. The message is for logs; each surface (chat, REST, pages) words the
 * {@link #reason()} in its own way.
 */
public class ProjectException extends RuntimeException {

    public enum Reason {
        /** The name breaks {@link Projects#NAME}. */
        INVALID_NAME,
        /** Someone else's project has this name. */
        NAME_TAKEN,
        /** The caller already administers a project of this name. */
        ALREADY_YOURS,
        /** No project of this name that the caller belongs to. */
        NOT_YOURS,
        /** The user is a member already; {@link #currentRole()} says as what. */
        ALREADY_MEMBER,
        NOT_A_MEMBER,
        /** The change would leave the project without an admin. */
        ONLY_ADMIN,
        /** Not a time zone; {@link #typed()} is what was given. */
        UNKNOWN_ZONE
    }

    private final Reason reason;
    private final String project;
    private final Role currentRole;
    private final String typed;

    ProjectException(Reason reason, String project) {
        this(reason, project, (Role) null);
    }

    ProjectException(Reason reason, String project, Role currentRole) {
        this(reason, project, currentRole, null);
    }

    ProjectException(Reason reason, String project, String typed) {
        this(reason, project, null, typed);
    }

    private ProjectException(Reason reason, String project, Role currentRole, String typed) {
        super(reason + ": " + project + (typed == null ? "" : " (" + typed + ")"));
        this.reason = reason;
        this.project = project;
        this.currentRole = currentRole;
        this.typed = typed;
    }

    public Reason reason() {
        return reason;
    }

    /** The project's name, as typed or as stored. */
    public String project() {
        return project;
    }

    public Optional<Role> currentRole() {
        return Optional.ofNullable(currentRole);
    }

    /** What the caller gave that was refused, where that is not the project's name. */
    public String typed() {
        return typed;
    }
}
