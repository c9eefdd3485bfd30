package com.ticolops.integrations.gitlab;

import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostClient;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.WebhookEvent;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.http.config.Registry;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.DnsResolver;
import org.apache.http.conn.HttpClientConnectionManager;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.conn.BasicHttpClientConnectionManager;
import org.apache.http.impl.conn.SystemDefaultDnsResolver;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.AccessLevel;
import org.gitlab4j.api.models.Permissions;
import org.gitlab4j.api.models.Project;
import org.gitlab4j.api.models.ProjectAccess;
import org.gitlab4j.api.models.ProjectHook;
import org.glassfish.jersey.apache.connector.ApacheClientProperties;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.RequestEntityProcessing;
import org.springframework.stereotype.Component;

/** Connects projects through GitLab's REST API with GitLab4J. */
@Component
class GitLabHostClient implements GitHostClient {

    /** A project hook's flag for an event GitLabPayloads turns into domain events, as GitLab's webhook form names it. */
    private record Flag(WebhookEvent event, BiFunction<ProjectHook, Boolean, ProjectHook> set) {
        Flag(String id, String label, BiFunction<ProjectHook, Boolean, ProjectHook> set) {
            this(new WebhookEvent(id, label), set);
        }
    }

    private static final List<Flag> FLAGS = List.of(new Flag("push_events", "Push events", ProjectHook::withPushEvents),
            new Flag("tag_push_events", "Tag push events", ProjectHook::withTagPushEvents),
            new Flag("merge_requests_events", "Merge request events", ProjectHook::withMergeRequestsEvents),
            new Flag("note_events", "Comments", ProjectHook::withNoteEvents),
            new Flag("pipeline_events", "Pipeline events", ProjectHook::withPipelineEvents),
            new Flag("deployment_events", "Deployment events", ProjectHook::withDeploymentEvents),
            new Flag("releases_events", "Releases events", ProjectHook::withReleasesEvents),
            new Flag("issues_events", "Issues events", ProjectHook::withIssuesEvents));

    @Override
    public GitProvider provider() {
        return GitProvider.GITLAB;
    }

    @Override
    public List<WebhookEvent> webhookEvents() {
        return FLAGS.stream().map(Flag::event).toList();
    }

    @Override
    public String tokenOwner(GitHostAccess access) {
        return call(access, api -> api.getUserApi().getCurrentUser().getUsername());
    }

    /** Webhooks need the Maintainer role, on the project or through its group. */
    @Override
    public void checkHookAccess(GitHostAccess access, String repository) {
        Project project = call(access, api -> api.getProjectApi().getProject(repository));
        int level = Optional.ofNullable(project.getPermissions()).map(p -> Math.max(level(p.getProjectAccess()), level(p.getGroupAccess()))).orElse(0);
        if (level < AccessLevel.MAINTAINER.value) {
            throw new GitHostException(GitHostException.Reason.FORBIDDEN, "not a maintainer of " + repository, null);
        }
    }

    private static int level(ProjectAccess access) {
        return access == null || access.getAccessLevel() == null ? 0 : access.getAccessLevel().value;
    }

    @Override
    public long createHook(GitHostAccess access, String repository, String url, String secret) {
        ProjectHook events = new ProjectHook().withConfidentialIssuesEvents(false).withConfidentialNoteEvents(false).withJobEvents(false)
                .withWikiPageEvents(false);
        for (Flag flag : FLAGS) {
            events = flag.set().apply(events, true);
        }
        ProjectHook hook = events;
        return call(access, api -> api.getProjectApi().addHook(repository, url, hook, true, secret).getId());
    }

    @Override
    public boolean deleteHook(GitHostAccess access, String repository, long hookId) {
        try {
            call(access, api -> {
                api.getProjectApi().deleteHook(repository, hookId);
                return null;
            });
            return true;
        } catch (GitHostException e) {
            if (e.reason() == GitHostException.Reason.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /**
     * The merge request's diffs, all pages (GitLab 15.7+). A deleted file's new path repeats its old one; its old path is
     * taken all the same, as the one that certainly existed.
     */
    @Override
    public List<String> pullRequestFiles(GitHostAccess access, String repository, int number) {
        return call(access, api -> api.getMergeRequestApi().getDiffs(repository, (long) number).stream()
                .map(diff -> Boolean.TRUE.equals(diff.getDeletedFile()) ? diff.getOldPath() : diff.getNewPath()).toList());
    }

    interface Call<T> {
        T run(GitLabApi api) throws GitLabApiException;
    }

    /** GitLab4J reports a request that got no answer with HTTP status 0. */
    static <T> T call(GitHostAccess access, Call<T> call) {
        try (GitLabApi api = api(access)) {
            return call.run(api);
        } catch (GitLabApiException e) {
            throw e.getHttpStatus() > 0 ? GitHostException.answered("GitLab", e.getHttpStatus(), e) : GitHostException.unreachable(access.apiUrl(), e);
        } catch (GitHostException e) {
            throw e;
        } catch (RuntimeException e) {
            throw GitHostException.unreachable(access.apiUrl(), e);
        }
    }

    /**
     * Redirects are not followed: the base URL passed the SSRF check, wherever it might redirect to did not. The
     * connection goes to the addresses the check resolved ({@link GitHostAccess#addresses()}), through Jersey's Apache
     * connector, the one Jersey connector that lets us answer its DNS lookups; GitLab4J picks that connector only when a
     * proxy is configured, and a proxy property without a value picks it with no proxy.
     */
    private static GitLabApi api(GitHostAccess access) {
        Map<String, Object> config = new HashMap<>();
        config.put(ClientProperties.PROXY_URI, null);
        config.put(ApacheClientProperties.CONNECTION_MANAGER, connections(access));
        config.put(ClientProperties.REQUEST_ENTITY_PROCESSING, RequestEntityProcessing.BUFFERED);
        config.put(ClientProperties.FOLLOW_REDIRECTS, false);
        config.put(ClientProperties.CONNECT_TIMEOUT, 10_000);
        config.put(ClientProperties.READ_TIMEOUT, 30_000);
        return new GitLabApi(access.apiUrl(), access.token(), config);
    }

    private static HttpClientConnectionManager connections(GitHostAccess access) {
        Registry<ConnectionSocketFactory> sockets = RegistryBuilder.<ConnectionSocketFactory>create()
                .register("http", PlainConnectionSocketFactory.getSocketFactory())
                .register("https", SSLConnectionSocketFactory.getSystemSocketFactory())
                .build();
        return new BasicHttpClientConnectionManager(sockets, null, null, resolver(access));
    }

    static DnsResolver resolver(GitHostAccess access) {
        if (access.addresses().isEmpty()) {
            return SystemDefaultDnsResolver.INSTANCE;
        }
        String checked = bare(URI.create(access.apiUrl()).getHost());
        InetAddress[] pinned = access.addresses().toArray(InetAddress[]::new);
        return host -> {
            if (!bare(host).equalsIgnoreCase(checked)) {
                throw new UnknownHostException(host + " is not the host that was checked");
            }
            return pinned.clone();
        };
    }

    /** An IPv6 literal with or without its brackets. */
    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
