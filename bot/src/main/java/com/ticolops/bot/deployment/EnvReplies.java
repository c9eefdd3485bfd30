package com.ticolops.bot.deployment;

import com.ticolops.integrations.chat.Reply;
import java.util.List;
import java.util.stream.Collectors;

/** An environment and its rules, as chat shows them. */
final class EnvReplies {

    private EnvReplies() {
    }

    static Reply describe(Reply reply, Environment environment, List<String> autodeployBranches) {
        Rules rules = environment.rules();
        reply = reply.withField("Executor", environment.executorLabel())
                .withField("Who may deploy", rules.requiredRole().id() + "s and above")
                .withField("Channels allowed", rules.allowedChannels().isEmpty() ? "any of the project's"
                        : rules.allowedChannels().stream().map(c -> "#" + c).collect(Collectors.joining(", ")))
                .withField("Confirmation", rules.confirmationRequired() ? "required" : "not required")
                .withField("When busy", rules.queueWhenBusy() ? "queue" : "refuse");
        if (environment.url() != null) {
            reply = reply.withField("URL", environment.url());
        }
        if (!rules.freezes().isEmpty()) {
            String zone = rules.timeZone().getId() + (rules.projectTimeZone() ? ", the project's time zone" : "");
            reply = reply.withField("Freezes (" + zone + ")", rules.freezes().stream()
                    .map(f -> "from \"" + f.starts() + "\" to \"" + f.ends() + "\"").collect(Collectors.joining("; ")));
        }
        if (!autodeployBranches.isEmpty()) {
            reply = reply.withField("Deploys on push to", String.join(", ", autodeployBranches));
        }
        return reply;
    }
}
