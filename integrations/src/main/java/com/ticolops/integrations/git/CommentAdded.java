package com.ticolops.integrations.git;

import java.util.List;

/**
 * Someone commented on a pull or merge request, an issue, a commit or a snippet.
 *
 * @param reference the pull request's or issue's number, the commit's sha or the snippet's id, as text
 * @param title     the title of what was commented on, when the payload gives it
 * @param path      the file a line comment is on, or null
 * @param mentions  the {@link Mentions} in the whole comment, not only its excerpt
 */
public record CommentAdded(GitProvider provider, String deliveryId, String repository, Target target, String reference,
                           String title, String excerpt, String author, String url, String path,
                           List<String> mentions) implements RepositoryActivity {

    public CommentAdded {
        // null in events the registry kept from before mentions were carried
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    /** A comment that mentions no one. */
    public CommentAdded(GitProvider provider, String deliveryId, String repository, Target target, String reference, String title, String excerpt,
                        String author, String url, String path) {
        this(provider, deliveryId, repository, target, reference, title, excerpt, author, url, path, List.of());
    }

    /** Comments are announced, not archived: a few lines are enough to decide whether to click through. */
    public static final int EXCERPT_LENGTH = 280;

    @Override
    public String actor() {
        return author;
    }

    @Override
    public List<String> paths() {
        return path == null ? List.of() : List.of(path);
    }

    /** The start of a comment's text, whitespace collapsed; null for none. */
    public static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        String text = body.strip().replaceAll("\\s+", " ");
        return text.length() <= EXCERPT_LENGTH ? text : text.substring(0, EXCERPT_LENGTH - 1) + "…";
    }

    public enum Target {
        PULL_REQUEST, ISSUE, COMMIT, SNIPPET
    }
}
