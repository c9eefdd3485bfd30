package com.ticolops.bot.housekeeping;

import com.ticolops.scheduler.PeriodicFlush;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventPublication.Status;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Writes the "processing" and "completed" marks of event publications in batches. Spring Modulith writes each of them
 * in a transaction of its own, so every listener of every event cost two commits (two WAL flushes) besides its own:
 * most of PostgreSQL's work per webhook delivery (issue 9's profile). Here they wait at most {@link #FLUSH_MILLIS} and
 * go together in one transaction; a publication completed by then is never marked processing at all.
 * <p>
 * Modulith's promise is unchanged: at least once. A crash forgets the marks of the last interval, and those
 * publications, still incomplete, are delivered again on the next start, as a crash between a listener's commit and
 * its mark always could (listeners write by key, so a second run leaves the same rows). Failures and resubmissions are
 * written at once, and drop the marks still waiting for that publication.
 */
@Component
@Primary
class BatchedPublicationMarks extends PeriodicFlush implements EventPublicationRepository {

    static final long FLUSH_MILLIS = 100;

    private final EventPublicationRepository registry;
    private final JdbcClient jdbc;
    private final TransactionOperations transaction;
    private final Set<UUID> processing = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Instant> completed = new ConcurrentHashMap<>();

    BatchedPublicationMarks(@Qualifier("jdbcEventPublicationRepository") EventPublicationRepository registry, JdbcClient jdbc,
                            TransactionOperations transaction) {
        super("publication-marks", FLUSH_MILLIS);
        this.registry = registry;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public void markProcessing(UUID identifier) {
        processing.add(identifier);
    }

    @Override
    public void markCompleted(UUID identifier, Instant completionDate) {
        completed.put(identifier, completionDate);
    }

    @Override
    public void markFailed(UUID identifier) {
        forget(identifier);
        registry.markFailed(identifier);
    }

    @Override
    public boolean markResubmitted(UUID identifier, Instant resubmissionDate) {
        forget(identifier);
        return registry.markResubmitted(identifier, resubmissionDate);
    }

    private void forget(UUID identifier) {
        processing.remove(identifier);
        completed.remove(identifier);
    }

    /** Writes the marks that arrived since the last flush, in one transaction; those it could not write wait for the next. */
    @Override
    protected void flush() {
        Map<UUID, Instant> done = new HashMap<>();
        for (UUID id : completed.keySet()) {
            Instant at = completed.remove(id);
            if (at != null) {
                done.put(id, at);
            }
        }
        Set<UUID> started = new HashSet<>();
        for (UUID id : processing) {
            if (processing.remove(id) && !done.containsKey(id)) {
                started.add(id);
            }
        }
        if (done.isEmpty() && started.isEmpty()) {
            return;
        }
        try {
            transaction.executeWithoutResult(status -> write(done, started));
        } catch (RuntimeException e) {
            done.forEach(completed::putIfAbsent);
            processing.addAll(started);
            throw e;
        }
    }

    private void write(Map<UUID, Instant> done, Set<UUID> started) {
        if (!done.isEmpty()) {
            List<UUID> ids = List.copyOf(done.keySet());
            jdbc.sql("""
                            update event_publication set status = 'COMPLETED', completion_date = mark.at
                            from unnest(cast(? as uuid[]), cast(? as timestamptz[])) as mark(id, at)
                            where event_publication.id = mark.id""")
                    .params(array(ids, UUID::toString), array(ids, id -> done.get(id).toString()))
                    .update();
        }
        if (!started.isEmpty()) {
            // Only what is still waiting: a publication failed or resubmitted meanwhile keeps that status.
            jdbc.sql("update event_publication set status = 'PROCESSING' where id = any(cast(? as uuid[])) and status in ('PUBLISHED', 'RESUBMITTED')")
                    .param(array(List.copyOf(started), UUID::toString))
                    .update();
        }
    }

    private static String array(List<UUID> ids, Function<UUID, String> element) {
        return ids.stream().map(id -> "\"" + element.apply(id) + "\"").collect(Collectors.joining(",", "{", "}"));
    }

    @Override
    public TargetEventPublication create(TargetEventPublication publication) {
        return registry.create(publication);
    }

    @Override
    public void markCompleted(Object event, PublicationTargetIdentifier identifier, Instant completionDate) {
        registry.markCompleted(event, identifier, completionDate);
    }

    @Override
    public List<TargetEventPublication> findIncompletePublications() {
        return registry.findIncompletePublications();
    }

    @Override
    public List<TargetEventPublication> findIncompletePublicationsPublishedBefore(Instant instant) {
        return registry.findIncompletePublicationsPublishedBefore(instant);
    }

    @Override
    public Optional<TargetEventPublication> findIncompletePublicationsByEventAndTargetIdentifier(Object event, PublicationTargetIdentifier targetIdentifier) {
        return registry.findIncompletePublicationsByEventAndTargetIdentifier(event, targetIdentifier);
    }

    @Override
    public List<TargetEventPublication> findCompletedPublications() {
        return registry.findCompletedPublications();
    }

    @Override
    public void deletePublications(List<UUID> identifiers) {
        registry.deletePublications(identifiers);
    }

    @Override
    public void deleteCompletedPublications() {
        registry.deleteCompletedPublications();
    }

    @Override
    public void deleteCompletedPublicationsBefore(Instant instant) {
        registry.deleteCompletedPublicationsBefore(instant);
    }

    @Override
    public List<TargetEventPublication> findFailedPublications(FailedCriteria criteria) {
        return registry.findFailedPublications(criteria);
    }

    @Override
    public List<TargetEventPublication> findByStatus(Status status) {
        return registry.findByStatus(status);
    }

    @Override
    public int countByStatus(Status status) {
        return registry.countByStatus(status);
    }
}
