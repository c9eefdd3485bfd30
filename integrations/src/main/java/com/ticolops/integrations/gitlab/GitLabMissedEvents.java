package com.ticolops.integrations.gitlab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitLabBackfill;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.WebhookDeliveries;
import com.ticolops.integrations.git.WebhookResponses;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.gitlab4j.api.models.MergeRequest;
import org.gitlab4j.api.models.MergeRequestFilter;
import org.gitlab4j.api.models.Participant;
import org.gitlab4j.api.models.Pipeline;
import org.gitlab4j.api.models.PipelineFilter;
import org.gitlab4j.api.models.Project;
import org.gitlab4j.models.utils.JacksonJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the merge request and pipeline deliveries GitLab's webhook missed from GitLab's API, as webhook payloads,
 * and reads them with {@link GitLabPayloads} like any delivery, so they mean exactly what the real ones would.
 *
 * <p>Each rebuilt delivery gets an id made of what happened, not of when we looked:
 * {@code backfill:merge_request:<project path>:<iid>:<open|merge|close>} and
 * {@code backfill:pipeline:<project path>:<pipeline id>:<status>}. A second run over the same window builds the same ids,
 * which {@link WebhookDeliveries#record} already holds, so nothing is published twice. A fact a real delivery already
 * brought is skipped (looked up in the stored payloads); and a real delivery arriving after its fact was backfilled is
 * stored without publishing anything again ({@link #alreadyBackfilled}, an exact id lookup). The price: a merge request
 * closed, reopened and closed again while the webhook was down twice is backfilled closed only once.
 */
@Component
class GitLabMissedEvents implements GitLabBackfill {

    private static final JacksonJson JSON = new JacksonJson();
    static final String MERGE_REQUEST_HOOK = "Merge Request Hook";
    static final String PIPELINE_HOOK = "Pipeline Hook";

    private final JdbcClient jdbc;
    private final GitLabApis apis;

    GitLabMissedEvents(JdbcClient jdbc, GitLabApis apis) {
        this.jdbc = jdbc;
        this.apis = apis;
    }

    @Override
    public List<Backfilled> missed(GitHostAccess access, String repository, Instant since, Instant until) {
        return apis.call(access, api -> {
            Project project = api.getProjectApi().getProject(repository);
            List<Backfilled> missed = new ArrayList<>();
            MergeRequestFilter filter = new MergeRequestFilter().withProjectId(project.getId())
                    .withUpdatedAfter(Date.from(since)).withUpdatedBefore(Date.from(until));
            for (MergeRequest mr : api.getMergeRequestApi().getMergeRequests(filter)) {
                transition(mr, "open", mr.getCreatedAt(), mr.getAuthor() == null ? null : mr.getAuthor().getUsername(), since, until)
                        .ifPresent(t -> add(missed, project, t));
                transition(mr, "merge", mr.getMergedAt(), username(Optional.ofNullable(mr.getMergeUser()).orElse(mr.getMergedBy())), since, until)
                        .ifPresent(t -> add(missed, project, t));
                if ("closed".equals(mr.getState())) {
                    transition(mr, "close", mr.getClosedAt(), username(mr.getClosedBy()), since, until).ifPresent(t -> add(missed, project, t));
                }
            }
            PipelineFilter pipelines = new PipelineFilter().withUpdatedAfter(Date.from(since)).withUpdatedBefore(Date.from(until));
            for (Pipeline listed : api.getPipelineApi().getPipelines(repository, pipelines)) {
                if (listed.getStatus() == null || !List.of("success", "failed", "canceled").contains(listed.getStatus().toValue())) {
                    continue;
                }
                Pipeline pipeline = api.getPipelineApi().getPipeline(repository, listed.getId());
                String status = pipeline.getStatus().toValue();
                String id = pipelineId(project.getPathWithNamespace(), pipeline.getId(), status);
                if (!realDeliveryHas(project.getPathWithNamespace(), PIPELINE_HOOK, "id", pipeline.getId(), "status", status)) {
                    missed.add(rebuilt(project, PIPELINE_HOOK, id, status, pipelinePayload(project, pipeline)));
                }
            }
            return missed;
        });
    }

    private record Transition(MergeRequest mr, String action, String actor) {
    }

    private static Optional<Transition> transition(MergeRequest mr, String action, Date at, String actor, Instant since, Instant until) {
        if (at == null || at.toInstant().isBefore(since) || at.toInstant().isAfter(until)) {
            return Optional.empty();
        }
        return Optional.of(new Transition(mr, action, actor));
    }

    private void add(List<Backfilled> missed, Project project, Transition t) {
        if (realDeliveryHas(project.getPathWithNamespace(), MERGE_REQUEST_HOOK, "iid", t.mr().getIid(), "action", t.action())) {
            return;
        }
        String id = mergeRequestId(project.getPathWithNamespace(), t.mr().getIid(), t.action());
        missed.add(rebuilt(project, MERGE_REQUEST_HOOK, id, t.action(), mergeRequestPayload(project, t)));
    }

    private static Backfilled rebuilt(Project project, String event, String id, String action, ObjectNode payload) {
        String text = payload.toString();
        try {
            return new Backfilled(new WebhookDeliveries.Delivery(GitProvider.GITLAB, id, event, action, project.getPathWithNamespace(), text),
                    GitLabPayloads.toEvents(event, id, text));
        } catch (IOException e) {
            throw new IllegalStateException("a rebuilt " + event + " could not be read back: " + e.getMessage(), e);
        }
    }

    /**
     * Whether a delivery from GitLab itself (not a backfilled one) already told us this. Bodies are stored as text, and
     * a valid JSON text jsonb refuses (a {@code \u0000} escape) is read as no match rather than failing the query.
     */
    private boolean realDeliveryHas(String repository, String event, String idField, Object id, String stateField, String state) {
        return jdbc.sql("""
                        select exists (select 1 from (
                            select case when pg_input_is_valid(payload, 'jsonb') then payload::jsonb end as body from webhook_deliveries
                            where provider = 'gitlab' and lower(repository) = lower(?) and event = ? and delivery_id not like 'backfill:%') real
                            where body #>> array['object_attributes', ?] = ? and body #>> array['object_attributes', ?] = ?)""")
                .params(repository, event, idField, String.valueOf(id), stateField, state).query(Boolean.class).single();
    }

    /**
     * Whether a real merge request or pipeline delivery tells what a backfill already published; the webhook controller
     * then stores it without publishing again.
     */
    boolean alreadyBackfilled(String event, String repository, WebhookResponses.Body body) {
        String id;
        String iid = body.field(GitLabWebhookController.IID);
        String action = body.field(GitLabWebhookController.ACTION);
        String pipeline = body.field(GitLabWebhookController.ID);
        String status = body.field(GitLabWebhookController.STATUS);
        if (MERGE_REQUEST_HOOK.equals(event) && iid != null && action != null) {
            id = mergeRequestId(repository, iid, action);
        } else if (PIPELINE_HOOK.equals(event) && pipeline != null && status != null) {
            id = pipelineId(repository, pipeline, status);
        } else {
            return false;
        }
        // An exact match on the unique (provider, delivery_id) index: this runs on every merge request and pipeline delivery.
        return jdbc.sql("select exists (select 1 from webhook_deliveries where provider = 'gitlab' and delivery_id = ?)")
                .param(id).query(Boolean.class).single();
    }

    private static String mergeRequestId(String repository, Object iid, String action) {
        return "backfill:merge_request:" + repository + ":" + iid + ":" + action;
    }

    private static String pipelineId(String repository, Object id, String status) {
        return "backfill:pipeline:" + repository + ":" + id + ":" + status;
    }

    private static ObjectNode mergeRequestPayload(Project project, Transition t) {
        MergeRequest mr = t.mr();
        ObjectNode payload = JSON.getObjectMapper().createObjectNode();
        payload.put("object_kind", "merge_request").put("event_type", "merge_request");
        payload.putObject("user").put("username", t.actor());
        payload.set("project", project(project));
        ObjectNode attributes = payload.putObject("object_attributes");
        attributes.put("id", mr.getId()).put("iid", mr.getIid()).put("title", mr.getTitle()).put("url", mr.getWebUrl())
                .put("source_branch", mr.getSourceBranch()).put("target_branch", mr.getTargetBranch())
                .put("state", mr.getState()).put("action", t.action()).put("draft", Boolean.TRUE.equals(mr.getDraft()))
                .put("work_in_progress", Boolean.TRUE.equals(mr.getDraft()));
        var labels = payload.putArray("labels");
        Optional.ofNullable(mr.getLabels()).orElse(List.of()).forEach(label -> labels.addObject().put("title", label));
        return payload;
    }

    private static ObjectNode pipelinePayload(Project project, Pipeline pipeline) {
        ObjectNode payload = JSON.getObjectMapper().createObjectNode();
        payload.put("object_kind", "pipeline");
        if (pipeline.getUser() != null) {
            payload.putObject("user").put("username", pipeline.getUser().getUsername()).put("name", pipeline.getUser().getName());
        }
        payload.set("project", project(project));
        ObjectNode attributes = payload.putObject("object_attributes");
        attributes.put("id", pipeline.getId()).put("iid", pipeline.getIid()).put("name", pipeline.getName()).put("ref", pipeline.getRef())
                .put("tag", false).put("sha", pipeline.getSha()).put("status", pipeline.getStatus().toValue()).put("url", pipeline.getWebUrl());
        attributes.set("created_at", JSON.getObjectMapper().valueToTree(Optional.ofNullable(pipeline.getStartedAt()).orElse(pipeline.getCreatedAt())));
        attributes.set("finished_at", JSON.getObjectMapper().valueToTree(pipeline.getFinishedAt()));
        return payload;
    }

    private static ObjectNode project(Project project) {
        ObjectNode node = JSON.getObjectMapper().createObjectNode();
        node.put("id", project.getId()).put("name", project.getName()).put("path_with_namespace", project.getPathWithNamespace())
                .put("web_url", project.getWebUrl());
        return node;
    }

    private static String username(Participant participant) {
        return participant == null ? null : participant.getUsername();
    }
}
