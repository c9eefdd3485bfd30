package com.ticolops.bot.deployment;

import static com.ticolops.bot.deployment.DeploymentException.Reason.AMBIGUOUS_REPOSITORY;
import static com.ticolops.bot.deployment.DeploymentException.Reason.ENVIRONMENT_EXISTS;
import static com.ticolops.bot.deployment.DeploymentException.Reason.EXECUTOR_FOR_OTHER_PROVIDER;
import static com.ticolops.bot.deployment.DeploymentException.Reason.HOOK_REFUSED;
import static com.ticolops.bot.deployment.DeploymentException.Reason.NOT_AN_ENVIRONMENT_NAME;
import static com.ticolops.bot.deployment.DeploymentException.Reason.NOT_AN_EXECUTOR;
import static com.ticolops.bot.deployment.DeploymentException.Reason.NOT_A_RULE;
import static com.ticolops.bot.deployment.DeploymentException.Reason.NO_ENVIRONMENT;
import static com.ticolops.bot.deployment.DeploymentException.Reason.REMOVE_WHILE_DEPLOYING;
import static com.ticolops.bot.deployment.DeploymentException.Reason.UNKNOWN_ENVIRONMENT;
import static com.ticolops.bot.deployment.DeploymentException.Reason.UNKNOWN_REPOSITORY;
import static com.ticolops.bot.deployment.DeploymentException.Reason.WHICH_ENVIRONMENT;

import com.ticolops.bot.command.Role;
import com.ticolops.bot.project.Projects;
import com.ticolops.bot.repo.GitHosts;
import com.ticolops.bot.repo.RepoException;
import com.ticolops.bot.repo.Repositories;
import com.ticolops.integrations.chat.Conversation;
import com.ticolops.integrations.git.GitProvider;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The environment use cases: add, list, change rules, deploy on push. A deploy hook URL is checked against SSRF before
 * it is stored, encrypted; only its host is ever shown again.
 */
@Service
public class EnvironmentSettings {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");
    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9._/-]{1,200}");
    private static final Pattern WEB_URL = Pattern.compile("(?i)https?://[^\\s/?#]+\\S*");

    private final Repositories repositories;
    private final Environments environments;
    private final GitHosts hosts;
    private final DeploymentRecords records;
    private final Projects projects;
    private final TransactionTemplate transaction;

    EnvironmentSettings(Repositories repositories, Environments environments, DeploymentRecords records, GitHosts hosts, Projects projects,
                        TransactionTemplate transaction) {
        this.repositories = repositories;
        this.environments = environments;
        this.records = records;
        this.hosts = hosts;
        this.projects = projects;
        this.transaction = transaction;
    }

    /**
     * Adds an environment to a repository. The first one, and any called production, becomes the default.
     *
     * @param settings the executor and its target, then optionally {@code url=<environment URL>}, e.g.
     *                 {@code github-workflow deploy.yml url=https://shop.example.com}; null for the provider's own
     *                 default (GitHub Deployments API, GitLab pipeline)
     */
    public Environment add(long projectId, long userId, String repository, String name, String settings) {
        Repositories.Ref repo = repository(projectId, repository);
        if (!NAME.matcher(name).matches()) {
            throw new DeploymentException(NOT_AN_ENVIRONMENT_NAME, repo.fullName(), name);
        }
        if (environments.named(repo, name).isPresent()) {
            throw new DeploymentException(ENVIRONMENT_EXISTS, repo.fullName(), name);
        }
        List<String> words = settings == null ? List.of() : Words.split(settings);
        String url = words.stream().filter(w -> w.toLowerCase(Locale.ROOT).startsWith("url=")).map(w -> w.substring(4)).findFirst().orElse(null);
        if (url != null && !WEB_URL.matcher(url).matches()) {
            throw new DeploymentException(NOT_A_RULE, repo.fullName(), "url=" + url);
        }
        List<String> executorWords = words.stream().filter(w -> !w.toLowerCase(Locale.ROOT).startsWith("url=")).toList();
        Executor executor = executorWords.isEmpty()
                ? (repo.provider() == GitProvider.GITHUB ? Executor.GITHUB_DEPLOYMENTS : Executor.GITLAB_PIPELINE)
                : Executor.of(executorWords.get(0)).orElseThrow(() -> notAnExecutor(repo, executorWords.get(0)));
        if (executor.provider().filter(provider -> provider != repo.provider()).isPresent()) {
            throw new DeploymentException(EXECUTOR_FOR_OTHER_PROVIDER, repo.fullName(), executor.id());
        }
        if (executor.target() == null ? executorWords.size() > 1 : executorWords.size() != 2) {
            throw notAnExecutor(repo, String.join(" ", executorWords));
        }
        String target = executor.target() == null ? null : executorWords.get(1);
        String hookUrl = null;
        String hookHost = null;
        if (executor == Executor.HOOK) {
            hookUrl = checkedHook(repo, target);
            hookHost = URI.create(hookUrl).getHost();
            target = null;
        }
        String hook = hookUrl;
        String host = hookHost;
        String workflow = target;
        long id = transaction.execute(status -> environments.add(repo, name, executor, workflow, hook, host, url, Rules.defaultRole(name), userId));
        return environments.find(id).orElseThrow();
    }

    public List<Environment> list(long projectId, String repository) {
        return environments.of(repository(projectId, repository));
    }

    /**
     * Changes an environment's rules; {@code settings} null or blank changes nothing and shows them.
     *
     * @param settings words such as {@code role=maintainer}, {@code channels=this}, {@code channels=any},
     *                 {@code confirm=on}, {@code when-busy=queue}, {@code tz=Europe/Berlin}, {@code tz=project},
     *                 {@code freeze "0 16 * * FRI" "0 8 * * MON"}, {@code freeze=off}, {@code default}
     */
    public Environment rules(long projectId, long userId, Conversation from, String repository, String environment, String settings) {
        Environment target = environment(repository(projectId, repository), environment);
        if (settings == null || settings.isBlank()) {
            return target;
        }
        Rules rules = target.rules();
        Role role = rules.requiredRole();
        List<String> channels = rules.allowedChannels();
        boolean confirm = rules.confirmationRequired();
        boolean queue = rules.queueWhenBusy();
        ZoneId zone = rules.timeZone();
        boolean projectZone = rules.projectTimeZone();
        boolean makeDefault = false;
        boolean clearFreezes = false;
        List<String[]> freezes = new ArrayList<>();
        List<String> words = Words.split(settings);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            int equals = word.indexOf('=');
            String key = (equals < 0 ? word : word.substring(0, equals)).toLowerCase(Locale.ROOT);
            String value = equals < 0 ? null : word.substring(equals + 1);
            switch (key) {
                case "role" -> role = Arrays.stream(Role.values()).filter(r -> r.id().equalsIgnoreCase(value)).findFirst()
                        .orElseThrow(() -> notARule(target, word));
                case "channels" -> channels = value == null ? throwing(notARule(target, word))
                        : value.equalsIgnoreCase("any") ? List.of()
                        : Arrays.stream(value.split(",")).map(String::strip).filter(c -> !c.isEmpty())
                                .map(c -> c.equalsIgnoreCase("this") ? from.channelId() : channelId(c)).distinct().toList();
                case "confirm" -> confirm = onOff(target, word, value);
                case "when-busy" -> queue = switch (value == null ? "" : value.toLowerCase(Locale.ROOT)) {
                    case "queue" -> true;
                    case "refuse" -> false;
                    default -> throwing(notARule(target, word));
                };
                case "tz" -> {
                    projectZone = "project".equalsIgnoreCase(value);
                    zone = projectZone ? projects.timeZone(target.repository().projectId()) : zone(target, word, value);
                }
                case "freeze" -> {
                    if (value != null) {
                        if (!value.equalsIgnoreCase("off")) {
                            throw notARule(target, word);
                        }
                        clearFreezes = true;
                    } else {
                        if (i + 2 >= words.size()) {
                            throw notARule(target, "freeze needs a start and an end, each a cron expression in quotes");
                        }
                        String starts = cron(target, words.get(++i));
                        String ends = cron(target, words.get(++i));
                        freezes.add(new String[] {starts, ends});
                    }
                }
                case "default" -> makeDefault = true;
                default -> throw notARule(target, word);
            }
        }
        Rules changed = new Rules(role, channels, confirm, queue, zone, projectZone, rules.freezes());
        boolean asDefault = makeDefault;
        boolean clear = clearFreezes;
        transaction.executeWithoutResult(status -> {
            environments.rules(target.id(), changed);
            if (clear) {
                environments.clearFreezes(target.id());
            }
            freezes.forEach(freeze -> environments.addFreeze(target.id(), freeze[0], freeze[1], userId));
            if (asDefault) {
                environments.makeDefault(target);
            }
        });
        return environments.find(target.id()).orElseThrow();
    }

    /**
     * Removes an environment: nobody deploys to it any more, and its name is free again. Its deployments stay in the
     * history. Refused while one of them holds it.
     *
     * @return the environment as it was
     */
    public Environment remove(long projectId, String repository, String name) {
        Environment target = environment(repository(projectId, repository), name);
        transaction.executeWithoutResult(status -> {
            records.inFlight(target.id()).ifPresent(holder -> {
                throw new DeploymentException(REMOVE_WHILE_DEPLOYING, target.repository().fullName(), target.name(), List.of(),
                        holder.requestedByName(), holder.pendingAt(), String.valueOf(holder.id()));
            });
            environments.remove(target.id());
        });
        return target;
    }

    /** @return whether anything changed */
    public boolean autodeploy(long projectId, long userId, String repository, String branch, String environment, boolean on) {
        Environment target = environment(repository(projectId, repository), environment);
        if (!BRANCH.matcher(branch).matches()) {
            throw new DeploymentException(NOT_A_RULE, target.repository().fullName(), branch);
        }
        return Boolean.TRUE.equals(transaction.execute(status -> environments.autodeploy(target, branch, on, userId)));
    }

    /** The branches whose pushes deploy to the environment. */
    public List<String> autodeployBranches(Environment environment) {
        return environments.autodeployBranches(environment.id());
    }

    /** A repository of the project by name, or {@code github:owner/name} when the project has it on both hosts. */
    Repositories.Ref repository(long projectId, String typed) {
        int colon = typed.indexOf(':');
        String name = colon > 0 ? typed.substring(colon + 1) : typed;
        List<Repositories.Ref> found = repositories.named(projectId, name).stream()
                .filter(ref -> colon <= 0 || ref.provider().id().equalsIgnoreCase(typed.substring(0, colon))).toList();
        if (found.isEmpty()) {
            throw new DeploymentException(UNKNOWN_REPOSITORY, name, null);
        }
        if (found.size() > 1) {
            throw new DeploymentException(AMBIGUOUS_REPOSITORY, name, null);
        }
        return found.get(0);
    }

    /** The environment named, or the repository's default one when {@code name} is null. */
    Environment environment(Repositories.Ref repository, String name) {
        if (name != null) {
            return environments.named(repository, name).orElseThrow(() -> new DeploymentException(UNKNOWN_ENVIRONMENT, repository.fullName(), name,
                    environments.of(repository).stream().map(Environment::name).toList()));
        }
        List<Environment> all = environments.of(repository);
        if (all.isEmpty()) {
            throw new DeploymentException(NO_ENVIRONMENT, repository.fullName(), null);
        }
        return all.stream().filter(Environment::isDefault).findFirst().or(() -> all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty())
                .orElseThrow(() -> new DeploymentException(WHICH_ENVIRONMENT, repository.fullName(), null, all.stream().map(Environment::name).toList()));
    }

    private String checkedHook(Repositories.Ref repo, String url) {
        try {
            return hosts.hookTarget(url).apiUrl();
        } catch (RepoException refused) {
            throw new DeploymentException(HOOK_REFUSED, repo.fullName(), switch (refused.reason()) {
                case INTERNAL_ADDRESS -> "it resolves to " + refused.detail() + ", an internal address";
                case METADATA_SERVICE -> "it names a cloud metadata service";
                case NEEDS_HTTPS -> "it is not https";
                case UNRESOLVABLE -> "its host does not resolve";
                default -> "it is not an https URL";
            });
        }
    }

    /** Slack writes a channel as {@code <#C123|name>}, Discord as {@code <#123>}, people as {@code #name}: the id is kept. */
    private static String channelId(String typed) {
        return typed.replaceFirst("^<#([^|>]+).*>$", "$1").replaceFirst("^#", "");
    }

    private static boolean onOff(Environment target, String word, String value) {
        return switch (value == null ? "" : value.toLowerCase(Locale.ROOT)) {
            case "on", "yes", "true" -> true;
            case "off", "no", "false" -> false;
            default -> throw notARule(target, word);
        };
    }

    private static ZoneId zone(Environment target, String word, String value) {
        try {
            return ZoneId.of(value == null ? "" : value);
        } catch (DateTimeException e) {
            throw notARule(target, word);
        }
    }

    private static String cron(Environment target, String expression) {
        try {
            Freeze.check(expression);
            return expression.strip();
        } catch (IllegalArgumentException e) {
            throw notARule(target, "`" + expression + "` is not a cron expression");
        }
    }

    private static <T> T throwing(DeploymentException e) {
        throw e;
    }

    private static DeploymentException notARule(Environment target, String word) {
        return new DeploymentException(NOT_A_RULE, target.repository().fullName(), word);
    }

    private static DeploymentException notAnExecutor(Repositories.Ref repo, String typed) {
        return new DeploymentException(NOT_AN_EXECUTOR, repo.fullName(), typed,
                Arrays.stream(Executor.values()).map(e -> e.target() == null ? e.id() : e.id() + " <" + e.target() + ">").toList());
    }
}
