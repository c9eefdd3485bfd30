package com.ticolops.bot.activity;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.ticolops.bot.command.ProjectRef;
import com.ticolops.bot.rest.ApiCaller;
import com.ticolops.bot.rest.ApiController;
import com.ticolops.bot.rest.ApiException;
import com.ticolops.bot.rest.Envelope;
import com.ticolops.bot.rest.Pagination;
import com.ticolops.bot.rest.RequiredScope;
import com.ticolops.bot.rest.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What editor plugins and git hooks send: activities and heartbeats, with a personal token. The same use cases as
 * {@code working}, {@code who} and presence in chat.
 */
@ApiController
class ActivityController {

    private final Activities activities;
    private final Presence presence;

    ActivityController(Activities activities, Presence presence) {
        this.activities = activities;
        this.presence = presence;
    }

    /**
     * @param type       coding (default), reviewing, testing or documenting
     * @param project    the project's name; may be left out by members of one project only
     */
    record ActivityRequest(String location, String type, String repository, String branch, String project) {
    }

    record ActivityView(long id, String project, String location, String type, String repository, String branch,
                        @JsonProperty("started_at") Instant startedAt, @JsonProperty("last_seen_at") Instant lastSeenAt) {
    }

    record HeartbeatView(String status, @JsonProperty("last_seen_at") Instant lastSeenAt) {
    }

    record MemberView(@JsonProperty("user_id") long userId, String name, String status, @JsonProperty("last_seen_at") Instant lastSeenAt,
                      ActivityView on, @JsonProperty("time_zone") String timeZone) {
    }

    @PostMapping("/api/v1/activities")
    @RequiredScope(Scope.ACTIVITY_WRITE)
    ResponseEntity<Envelope<ActivityView>> report(@AuthenticationPrincipal ApiCaller caller, @RequestBody ActivityRequest request) {
        if (request.location() == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_activity", "location is required: a file, a directory or a component",
                    Map.of("field", "location"));
        }
        String location = refusing(() -> Activities.location(request.location()), "location");
        ActivityType type = request.type() == null ? ActivityType.CODING : ActivityType.of(request.type()).orElseThrow(() -> new ApiException(
                HttpStatus.BAD_REQUEST, "invalid_activity", "type is one of " + String.join(", ", ActivityType.ids()), Map.of("field", "type")));
        ProjectRef project = refusing(() -> presence.projectFor(caller.userId(), Optional.ofNullable(request.project()).filter(p -> !p.isBlank())), "project");
        Activity recorded = activities.record(project.id(), Person.user(caller.userId()), List.of(location), type, Source.REST,
                trimmed(request.repository()), trimmed(request.branch()), null).get(0);
        return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.of(view(project, recorded)));
    }

    @PostMapping("/api/v1/presence/heartbeat")
    @RequiredScope(Scope.ACTIVITY_WRITE)
    Envelope<HeartbeatView> heartbeat(@AuthenticationPrincipal ApiCaller caller) {
        return Envelope.of(new HeartbeatView(Presence.Status.ONLINE.id(), presence.heartbeat(caller.userId())));
    }

    @GetMapping("/api/v1/presence")
    @RequiredScope(Scope.PRESENCE_READ)
    Envelope<List<MemberView>> who(@AuthenticationPrincipal ApiCaller caller, @RequestParam(required = false) String project,
                                   @RequestParam(defaultValue = "1") int page,
                                   @RequestParam(name = "per_page", defaultValue = Pagination.DEFAULT_PER_PAGE) int perPage) {
        Pagination pagination = Pagination.of(page, perPage);
        ProjectRef ref = refusing(() -> presence.projectFor(caller.userId(), Optional.ofNullable(project)), "project");
        List<Presence.Member> members = presence.who(ref);
        return Envelope.page(members.stream().skip(pagination.offset()).limit(pagination.perPage())
                .map(m -> new MemberView(m.userId(), m.displayName(), m.status().id(), m.lastSeen().orElse(null),
                        m.on().map(a -> view(ref, a)).orElse(null), m.zone().map(java.time.ZoneId::getId).orElse(null)))
                .toList(), pagination, members.size());
    }

    private static ActivityView view(ProjectRef project, Activity a) {
        return new ActivityView(a.id(), project.name(), a.location(), a.type().id(), a.repository(), a.branch(), a.startedAt(), a.lastSeenAt());
    }

    private static String trimmed(String text) {
        if (text != null && text.strip().length() > Activities.MAX_LOCATION) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_activity", "repository and branch are at most " + Activities.MAX_LOCATION
                    + " characters", Map.of());
        }
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static <T> T refusing(Supplier<T> useCase, String field) {
        try {
            return useCase.get();
        } catch (ActivityException e) {
            HttpStatus status = e.reason() == ActivityException.Reason.NOT_A_MEMBER ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
            throw new ApiException(status, "invalid_" + field, ActivityReplies.message(e), Map.of("field", field));
        }
    }
}
