package com.ticolops.bot.conflict;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.ticolops.bot.command.ProjectRef;
import com.ticolops.bot.project.Projects;
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
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A project's open conflicts, as {@code conflicts} lists them. */
@ApiController
class ConflictController {

    private final Conflicts conflicts;
    private final ConflictMessages messages;
    private final Projects projects;

    ConflictController(Conflicts conflicts, ConflictMessages messages, Projects projects) {
        this.conflicts = conflicts;
        this.messages = messages;
        this.projects = projects;
    }

    record ConflictView(long id, String kind, String severity, String about, @JsonProperty("user_ids") List<Long> userIds, List<String> files, String sentence,
                        @JsonProperty("opened_at") Instant openedAt) {
    }

    @GetMapping("/api/v1/conflicts")
    @RequiredScope(Scope.PRESENCE_READ)
    Envelope<List<ConflictView>> list(@AuthenticationPrincipal ApiCaller caller, @RequestParam String project,
                                      @RequestParam(defaultValue = "1") int page,
                                      @RequestParam(name = "per_page", defaultValue = Pagination.DEFAULT_PER_PAGE) int perPage) {
        Pagination pagination = Pagination.of(page, perPage);
        ProjectRef ref = projects.named(project).filter(p -> projects.roleOf(caller.userId(), p.id()).isPresent())
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "unknown_project", "You are not a member of a project named " + project + ".",
                        Map.of("project", project)));
        List<Conflict> open = conflicts.listed(ref.id());
        return Envelope.page(open.stream().skip(pagination.offset()).limit(pagination.perPage())
                .map(c -> new ConflictView(c.id(), c.kind().id(), c.severity().id(), c.key(), Conflicts.userIds(c.people()), c.files(),
                        messages.sentence(c), c.openedAt()))
                .toList(), pagination, open.size());
    }
}
