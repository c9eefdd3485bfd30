package com.ticolops.integrations.git;

import java.util.List;

/**
 * The facts channel subscriptions filter on, the same for every kind of repository event from GitHub or GitLab. An
 * event answers only what it knows: the defaults mean "this kind of event does not carry that fact", and a filter on a
 * fact an event does not carry does not apply to it.
 */
public interface RepositoryActivity {

    GitProvider provider();

    /** {@code owner/name} on GitHub, {@code group/.../name} on GitLab. */
    String repository();

    /** Who did it: the pusher, the person who opened, reviewed or merged, the one who triggered a pipeline. */
    String actor();

    /** The branch it happened on (a pull request's target branch), or null. */
    default String branch() {
        return null;
    }

    /** The files it touched, or empty when the event does not list them. */
    default List<String> paths() {
        return List.of();
    }

    /** Labels, for pull requests and issues; null for kinds of events that have none. */
    default List<String> labels() {
        return null;
    }

    /** Who wrote the thing acted on, e.g. a pull request's author; the actor by default. */
    default String author() {
        return actor();
    }

    /** The deployment environment, or null. */
    default String environment() {
        return null;
    }

    /** How a pipeline or deployment ended, or null for events that have no outcome. */
    default Outcome outcome() {
        return null;
    }

    default boolean draft() {
        return false;
    }

    enum Outcome {
        SUCCESS, FAILURE, CANCELLED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
