package com.ticolops.bot.command;

import com.ticolops.integrations.chat.CommandInvocation;
import com.ticolops.integrations.chat.CommandPort;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Routes a command to its handler by name, checks the caller's role in the channel's project, and turns wrong input
 * into a reply that says what was expected, with an example. Every platform comes through here.
 */
@Component
class CommandDispatcher implements CommandPort {

    static final String PREFIX = "/ticolops ";
    static final String NO_PROJECT = "This channel has no project yet. Create one with `/ticolops project create <name>` "
            + "or pick one of yours with `/ticolops project use <name>`.";
    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);
    private static final int LONGEST_NAME = 3;

    private final Map<String, CommandHandler> handlers;
    private final List<CommandSpec> specs;
    private final ProjectAccess access;
    private final MeterRegistry registry;

    CommandDispatcher(List<CommandHandler> handlers, ProjectAccess access, MeterRegistry registry) {
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(h -> h.spec().name(), Function.identity()));
        this.specs = handlers.stream().map(CommandHandler::spec).sorted(Comparator.comparing(CommandSpec::name)).toList();
        this.access = access;
        this.registry = registry;
    }

    @Override
    public List<CommandSpec> commands() {
        return specs;
    }

    @Override
    public Reply handle(CommandInvocation invocation) {
        if (invocation.typed().isPresent()) {
            return handleTyped(invocation, invocation.typed().get());
        }
        CommandLine line = CommandLine.parse(invocation.text()).withoutPrefix();
        if (line.size() == 0) {
            return Reply.privately("Type a command after /ticolops, for example `/ticolops help`.");
        }
        Optional<Match> match = find(line);
        if (match.isEmpty()) {
            return unknown(line);
        }
        CommandHandler handler = match.get().handler();
        Map<String, String> options;
        try {
            options = OptionBinder.bind(handler.spec(), line, match.get().words());
        } catch (OptionBinder.InvalidOptions e) {
            return Reply.privately(e.getMessage()).withSection("Usage", usage(handler.spec()));
        }
        return runReportingFailures(handler, invocation, options);
    }

    /** Options that arrive typed and by name (Discord) are checked as such, never joined into text and parsed again. */
    private Reply handleTyped(CommandInvocation invocation, CommandInvocation.TypedCommand typed) {
        CommandHandler handler = handlers.get(typed.name());
        if (handler == null) {
            return unknown(CommandLine.parse(typed.name()));
        }
        Map<String, String> options;
        try {
            options = OptionBinder.bindNamed(handler.spec(), typed.options());
        } catch (OptionBinder.InvalidOptions e) {
            return Reply.privately(e.getMessage()).withSection("Usage", usage(handler.spec()));
        }
        return runReportingFailures(handler, invocation, options);
    }

    /** {@code ticolops_commands_seconds{platform, command, outcome}}: answered, refused (with a reason) or failed. */
    private Reply runReportingFailures(CommandHandler handler, CommandInvocation invocation, Map<String, String> options) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failed";
        try {
            Reply reply = run(handler, invocation, options);
            outcome = "answered";
            return reply;
        } catch (CommandException e) {
            outcome = "refused";
            return Reply.privately(e.getMessage());
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            log.error("Command `{}` from {} failed (reference {})", handler.spec().name(), invocation.actor(), reference, e);
            return Reply.privately("Something went wrong running `" + handler.spec().name() + "`. It was logged with reference " + reference + ".");
        } finally {
            sample.stop(Timer.builder("ticolops.commands").description("Chat commands, from the dispatcher to the reply")
                    .tags("platform", invocation.actor().platform().id(), "command", handler.spec().name(), "outcome", outcome).register(registry));
        }
    }

    /**
     * Runs outside any transaction: the services a handler calls open their own, short ones, so no database connection
     * is held while GitHub, GitLab or Slack think.
     */
    private Reply run(CommandHandler handler, CommandInvocation invocation, Map<String, String> options) {
        CommandSpec spec = handler.spec();
        var actor = invocation.actor();
        long userId = access.userFor(new ChatUser(actor.platform(), actor.userId()), actor.displayName());
        Optional<ProjectRef> project = access.projectOf(invocation.conversation());
        Optional<Role> role = project.flatMap(p -> access.roleOf(userId, p.id()));
        if (spec.requiredRole() != null) {
            if (project.isEmpty()) {
                throw new CommandException(NO_PROJECT);
            }
            if (role.isEmpty()) {
                throw new CommandException("You are not a member of project " + project.get().name() + ". Ask one of its admins to run `"
                        + PREFIX + "member add @" + actor.userId() + "`.");
            }
            if (!role.get().includes(spec.requiredRole())) {
                throw new CommandException("`" + spec.name() + "` needs the " + spec.requiredRole().id() + " role in project "
                        + project.get().name() + "; you are " + role.get().withArticle() + ". Ask an admin of " + project.get().name() + ".");
            }
        }
        return handler.handle(new CommandContext(actor, userId, invocation.conversation(), project, role, options));
    }

    private Optional<Match> find(CommandLine line) {
        for (int words = Math.min(LONGEST_NAME, line.size()); words > 0; words--) {
            CommandHandler handler = handlers.get(line.head(words));
            if (handler != null) {
                return Optional.of(new Match(handler, words));
            }
        }
        return Optional.empty();
    }

    private Reply unknown(CommandLine line) {
        String group = line.head(1);
        List<CommandSpec> groupCommands = commands().stream().filter(spec -> spec.group().equals(group)).toList();
        if (groupCommands.isEmpty()) {
            String typed = line.head(1);
            return Reply.privately("I don't know the command `" + typed + "`." + suggestion(typed, commands()))
                    .withSection("Commands", commands().stream().map(CommandSpec::group).distinct().map(g -> "`" + g + "`")
                            .collect(Collectors.joining(", ")))
                    .withSection("Example", PREFIX + "help");
        }
        String typed = line.head(Math.min(2, line.size()));
        CommandSpec closest = closest(typed, groupCommands);
        String problem = line.size() == 1 ? "`" + group + "` needs a subcommand."
                : "`" + typed + "` is not a " + group + " command." + suggestion(typed, groupCommands);
        return Reply.privately(problem)
                .withSection(capitalized(group) + " commands", groupCommands.stream()
                        .map(CommandDispatcher::summary).collect(Collectors.joining("\n")))
                .withSection("Example", PREFIX + closest.example());
    }

    private static String suggestion(String typed, List<CommandSpec> candidates) {
        CommandSpec closest = closest(typed, candidates);
        String name = closest.name().contains(" ") && !typed.contains(" ") ? closest.group() : closest.name();
        return distance(typed, name) <= 2 ? " Did you mean `" + name + "`?" : "";
    }

    private static CommandSpec closest(String typed, List<CommandSpec> candidates) {
        return candidates.stream().min(Comparator.comparingInt(spec -> Math.min(distance(typed, spec.name()), distance(typed, spec.group()))))
                .orElseThrow();
    }

    /** One line of a command list: usage and what it does. */
    static String summary(CommandSpec spec) {
        return PREFIX + spec.usage() + " — " + spec.description();
    }

    static String usage(CommandSpec spec) {
        return PREFIX + spec.usage() + "\nExample: " + PREFIX + spec.example();
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** Levenshtein distance, for "did you mean"; short strings only, so the plain dynamic programme is enough. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private record Match(CommandHandler handler, int words) {
    }
}
