package com.ticolops.bot.deployment;

import com.ticolops.bot.command.CommandException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How chat words the deployment module's refusals: what went wrong and what to do. */
final class DeploymentReplies {

    private static final String PREFIX = "/ticolops ";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private DeploymentReplies() {
    }

    static CommandException refusal(DeploymentException e) {
        return new CommandException(text(e));
    }

    static String text(DeploymentException e) {
        String repo = e.subject();
        String env = e.detail();
        return switch (e.reason()) {
            case UNKNOWN_REPOSITORY -> "This project has no repository " + repo + ". Connect it with `" + PREFIX + "repo connect github " + repo
                    + "`, or see `" + PREFIX + "repo list`.";
            case AMBIGUOUS_REPOSITORY -> "Both a GitHub and a GitLab repository of this project are called " + repo + ": write github:" + repo
                    + " or gitlab:" + repo + ".";
            case UNKNOWN_ENVIRONMENT -> repo + " has no environment " + env + "."
                    + (e.choices().isEmpty() ? " Add one with `" + PREFIX + "env add " + repo + " " + env + "`."
                    : " It has " + String.join(", ", e.choices()) + "; add " + env + " with `" + PREFIX + "env add " + repo + " " + env + "`.");
            case NO_ENVIRONMENT -> repo + " has no environment yet. Add one with `" + PREFIX + "env add " + repo + " production`.";
            case WHICH_ENVIRONMENT -> repo + " has several environments (" + String.join(", ", e.choices()) + ") and no default: name one, or make one"
                    + " the default with `" + PREFIX + "env rules " + repo + " <env> default`.";
            case ENVIRONMENT_EXISTS -> repo + " has an environment " + env + " already; change it with `" + PREFIX + "env rules " + repo + " " + env + "`.";
            case NOT_AN_ENVIRONMENT_NAME -> "`" + env + "` is not an environment name: use letters, digits, '.', '_', '-' or '/', e.g. production or"
                    + " preview/pr-12.";
            case NOT_AN_EXECUTOR -> "`" + env + "` is not an executor setting. Give one of: " + String.join(", ", e.choices())
                    + ", then optionally url=<environment URL>. Example: `" + PREFIX + "env add " + repo + " production github-workflow deploy.yml"
                    + " url=https://shop.example.com`.";
            case EXECUTOR_FOR_OTHER_PROVIDER -> env + " deploys " + (env.startsWith("github") ? "GitHub" : "GitLab") + " repositories, and " + repo
                    + " is not one. Use " + (env.startsWith("github") ? "gitlab-pipeline or gitlab-job <job>" : "github-deployments or github-workflow <file>")
                    + ", or hook <url>.";
            case NOT_A_RULE -> "`" + env + "` is not a setting I know. Use role=member|maintainer|admin, channels=this|any|<channel,...>,"
                    + " confirm=on|off, when-busy=queue|refuse, tz=<zone>, freeze \"<start cron>\" \"<end cron>\", freeze=off, default."
                    + " Example: `" + PREFIX + "env rules " + repo + " production confirm=on freeze \"0 16 * * FRI\" \"0 8 * * MON\"`.";
            case HOOK_REFUSED -> "Ticolops will not call that deploy hook: " + env + ". Give the https URL the platform (Vercel, Netlify, Render) shows"
                    + " for the hook; nothing was saved.";
            case UNKNOWN_REF -> repo + " has no branch, tag or commit " + env + ". Check the name, and push it first if it is only on your machine.";
            case NO_API_ACCESS -> "Ticolops has no " + label(env) + " token for " + repo + ", which deploying needs. Set one with `" + PREFIX
                    + "repo token " + env + " <token> " + repo + "`.";
            case NO_DEPLOY_CLIENT -> "This Ticolops cannot deploy through " + (env.equals("hook") ? "deploy hooks" : label(env))
                    + " yet: its deploy client is not installed. Ask your Ticolops administrator.";
            case PROVIDER_FAILED -> "Could not deploy " + repo + ": " + env;
            case ROLE_REQUIRED -> "Deploying to " + env + " needs the " + e.holder() + " role; you are " + article(e.note()) + ". Ask a " + e.holder()
                    + ", or an admin to change the rule with `" + PREFIX + "env rules " + repo + " " + env + " role=<role>`.";
            case CHANNEL_NOT_ALLOWED -> env + " of " + repo + " may only be deployed from " + String.join(", ", e.choices().stream().map(c -> "#" + c).toList())
                    + ". Run the command there.";
            case FROZEN -> env + " of " + repo + " is frozen until " + when(e.since(), e.note()) + ". An admin can deploy anyway by adding a reason:"
                    + " `" + PREFIX + "deploy " + repo + " <ref> " + env + " <reason>`.";
            case OVERRIDE_NEEDS_REASON -> env + " of " + repo + " is frozen until " + when(e.since(), e.note()) + ". To deploy through the freeze, add"
                    + " your reason: `" + PREFIX + "deploy " + repo + " <ref> " + env + " <reason>`.";
            case LOCKED -> env + " of " + repo + " is locked by " + e.holder() + " since " + since(e.since()) + (e.note() == null ? "" : ": " + e.note())
                    + ". Ask them, or unlock it with `" + PREFIX + "deploy unlock " + repo + " " + env + "`.";
            case BUSY -> env + " of " + repo + " is being deployed by " + e.holder() + " since " + since(e.since()) + " (deployment " + e.note() + ")."
                    + " Try again when it is done.";
            case NOT_LOCKED -> env + " of " + repo + " is not locked.";
            case UNKNOWN_CONFIRMATION -> "This confirmation was used already or does not exist. Run the deploy again.";
            case CONFIRMATION_EXPIRED -> "This confirmation expired " + ago(e.since()) + "; nothing was deployed. Run the deploy again.";
            case NOT_YOUR_CONFIRMATION -> "Only " + e.holder() + ", who asked for this deploy, can confirm it. Run the deploy yourself to deploy.";
            case NOTHING_TO_ROLL_BACK_TO -> env + " of " + repo + " has no earlier successful deployment to roll back to. See `" + PREFIX
                    + "deployments " + repo + " " + env + "`.";
            case UNKNOWN_DEPLOYMENT -> repo + " has no successful deployment " + env + " to roll back to. See `" + PREFIX + "deployments`.";
            case NO_SUCH_DEPLOYMENT -> "This project has no deployment " + env + ". See `" + PREFIX + "deployments` for their numbers.";
            case ALREADY_FINISHED -> "Deployment #" + e.holder() + " of " + repo + " to " + env + " has ended already (" + e.note()
                    + "): there is nothing to cancel.";
            case CANCEL_REFUSED -> "Deployment #" + e.holder() + " of " + repo + " to " + env + " was not cancelled: " + e.note().replaceFirst("\\.$", "")
                    + ". Its own status shows on its message when it ends.";
            case REMOVE_WHILE_DEPLOYING -> env + " of " + repo + " is being deployed by " + e.holder() + " (deployment #" + e.note()
                    + "). Wait for it to end, or `" + PREFIX + "deploy cancel " + e.note() + "`, then remove the environment.";
        };
    }

    /** The refusal as the audit trail keeps it: short, without the advice. */
    static String auditReason(DeploymentException e) {
        return switch (e.reason()) {
            case ROLE_REQUIRED -> "needs " + e.holder() + ", is " + e.note();
            case CHANNEL_NOT_ALLOWED -> "channel not allowed";
            case FROZEN -> "frozen until " + e.since();
            case OVERRIDE_NEEDS_REASON -> "frozen until " + e.since() + ", override without a reason";
            case LOCKED -> "locked by " + e.holder() + (e.note() == null ? "" : ": " + e.note());
            case BUSY -> "busy: " + e.note() + " by " + e.holder() + " since " + e.since();
            case UNKNOWN_REF -> "unknown ref " + e.detail();
            case NOT_YOUR_CONFIRMATION -> "confirmation of " + e.holder() + " pressed by someone else";
            case CONFIRMATION_EXPIRED -> "confirmation expired at " + e.since();
            default -> e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ') + (e.detail() == null ? "" : ": " + e.detail());
        };
    }

    /** "12:03 UTC, 3 min ago" */
    static String since(Instant at) {
        return CLOCK.format(at.atZone(ZoneId.of("UTC"))) + " UTC, " + ago(at);
    }

    /** "3 min ago", "2 h 5 min ago" */
    static String ago(Instant at) {
        long minutes = Math.max(0, Duration.between(at, Instant.now()).toMinutes());
        if (minutes < 1) {
            return "less than a minute ago";
        }
        return (minutes < 60 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min") + " ago";
    }

    private static String when(Instant at, String zone) {
        ZoneId id = zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
        return WHEN.format(at.atZone(id)) + " (" + id.getId() + ")";
    }

    private static String label(String provider) {
        return "github".equals(provider) ? "GitHub" : "gitlab".equals(provider) ? "GitLab" : provider;
    }

    private static String article(String role) {
        return ("admin".equals(role) ? "an " : "a ") + role;
    }
}
