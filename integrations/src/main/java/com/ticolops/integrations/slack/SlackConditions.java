package com.ticolops.integrations.slack;

import java.util.function.Predicate;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Which Slack beans exist: decided from the tokens, so an empty {@code TICOLOPS_SLACK_BOT_TOKEN=} leaves Slack off. */
final class SlackConditions {

    private SlackConditions() {
    }

    private static ConditionOutcome outcome(ConditionContext context, Predicate<SlackProperties> test, String what) {
        SlackProperties properties = Binder.get(context.getEnvironment()).bindOrCreate("ticolops.slack", SlackProperties.class);
        return test.test(properties) ? ConditionOutcome.match(what + " configured") : ConditionOutcome.noMatch(what + " not configured");
    }

    /** A bot token and a signing secret or an app-level token. */
    static final class Enabled extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return outcome(context, SlackProperties::enabled, "Slack");
        }
    }

    /** A bot token and a signing secret: Slack calls {@code /slack/events}. */
    static final class Http extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return outcome(context, SlackProperties::httpEnabled, "Slack over HTTP");
        }
    }

    /** A bot token and an app-level token: we connect to Slack over a WebSocket. */
    static final class SocketMode extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return outcome(context, SlackProperties::socketModeEnabled, "Slack Socket Mode");
        }
    }
}
