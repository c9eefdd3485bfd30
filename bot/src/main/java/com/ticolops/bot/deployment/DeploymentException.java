package com.ticolops.bot.deployment;

import java.time.Instant;
import java.util.List;

/**
 * A deployment use case refused by a rule, by the SSRF guard or by the provider's API; nothing was deployed. The message
 * is for logs; each surface (chat, REST, pages) words the {@link #reason()} in its own way from the fields.
 *
 * @see DeploymentReplies for chat
 */
public class DeploymentException extends RuntimeException {

    public enum Reason {
        /** The project has no repository {@code subject}. */
        UNKNOWN_REPOSITORY,
        /** Both a GitHub and a GitLab repository of the project are called {@code subject}. */
        AMBIGUOUS_REPOSITORY,
        /** Repository {@code subject} has no environment {@code detail}; {@code choices} are the ones it has. */
        UNKNOWN_ENVIRONMENT,
        /** Repository {@code subject} has no environment yet. */
        NO_ENVIRONMENT,
        /** Repository {@code subject} has several environments, none of them the default: {@code choices}. */
        WHICH_ENVIRONMENT,
        /** Repository {@code subject} has an environment {@code detail} already. */
        ENVIRONMENT_EXISTS,
        /** {@code detail} is not a valid environment name. */
        NOT_AN_ENVIRONMENT_NAME,
        /** The executor settings {@code detail} are missing or wrong; {@code choices} are the executors. */
        NOT_AN_EXECUTOR,
        /** Executor {@code detail} runs on another provider than repository {@code subject}'s. */
        EXECUTOR_FOR_OTHER_PROVIDER,
        /** A rule setting {@code detail} is not understood. */
        NOT_A_RULE,
        /** The deploy hook URL was refused by the SSRF guard: {@code detail} says why, in words. */
        HOOK_REFUSED,
        /** Ref {@code detail} does not exist in repository {@code subject}. */
        UNKNOWN_REF,
        /** No API token is known for repository {@code subject}. */
        NO_API_ACCESS,
        /** This Ticolops has no deploy client for provider {@code detail}. */
        NO_DEPLOY_CLIENT,
        /** The provider's API refused or failed; {@code detail} is its sentence. */
        PROVIDER_FAILED,
        /** Deploying to {@code detail} needs role {@code holder}. */
        ROLE_REQUIRED,
        /** {@code detail} may not be deployed to from this channel; {@code choices} are the channels it may. */
        CHANNEL_NOT_ALLOWED,
        /** {@code detail} is frozen until {@code since}; an admin may override with a reason. */
        FROZEN,
        /** An admin overriding the freeze of {@code detail} gave no reason. */
        OVERRIDE_NEEDS_REASON,
        /** {@code detail} is locked by {@code holder} since {@code since}, {@code note} the reason (or null). */
        LOCKED,
        /** {@code detail} is being deployed by {@code holder} since {@code since} (deployment {@code note}). */
        BUSY,
        /** {@code detail} is not locked. */
        NOT_LOCKED,
        /** No confirmation {@code detail} is waiting (already used, or never made). */
        UNKNOWN_CONFIRMATION,
        /** The confirmation expired at {@code since}. */
        CONFIRMATION_EXPIRED,
        /** The confirmation is {@code holder}'s to press. */
        NOT_YOUR_CONFIRMATION,
        /** {@code detail} has no earlier successful deployment to roll back to. */
        NOTHING_TO_ROLL_BACK_TO,
        /** No deployment {@code detail} of this project's {@code subject}. */
        UNKNOWN_DEPLOYMENT,
        /** The project has no deployment {@code detail} (its id). */
        NO_SUCH_DEPLOYMENT,
        /** Deployment {@code holder} (its id) to {@code detail} ended already, as {@code note} says (its status). */
        ALREADY_FINISHED,
        /** The provider would not stop deployment {@code holder} (its id) to {@code detail}; {@code note} is its sentence. */
        CANCEL_REFUSED,
        /** Environment {@code detail} cannot be removed while deployment {@code note} of {@code holder} holds it. */
        REMOVE_WHILE_DEPLOYING
    }

    private final Reason reason;
    private final String subject;
    private final String detail;
    private final List<String> choices;
    private final String holder;
    private final Instant since;
    private final String note;

    DeploymentException(Reason reason, String subject, String detail) {
        this(reason, subject, detail, List.of(), null, null, null);
    }

    DeploymentException(Reason reason, String subject, String detail, List<String> choices) {
        this(reason, subject, detail, choices, null, null, null);
    }

    DeploymentException(Reason reason, String subject, String detail, List<String> choices, String holder, Instant since, String note) {
        super(reason + ": " + subject + (detail == null ? "" : " / " + detail) + (holder == null ? "" : " (" + holder + ")"));
        this.reason = reason;
        this.subject = subject;
        this.detail = detail;
        this.choices = List.copyOf(choices);
        this.holder = holder;
        this.since = since;
        this.note = note;
    }

    public Reason reason() {
        return reason;
    }

    /** The repository concerned, as typed or as stored. */
    public String subject() {
        return subject;
    }

    /** An environment, a ref, a setting, as {@link Reason} says. */
    public String detail() {
        return detail;
    }

    public List<String> choices() {
        return choices;
    }

    /** Who holds the lock or the environment, or whose confirmation it is; a role for {@link Reason#ROLE_REQUIRED}. */
    public String holder() {
        return holder;
    }

    public Instant since() {
        return since;
    }

    public String note() {
        return note;
    }
}
