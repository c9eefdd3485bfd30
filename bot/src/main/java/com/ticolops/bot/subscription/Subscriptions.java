package com.ticolops.bot.subscription;

import com.ticolops.bot.repo.RepositoryConnected;
import com.ticolops.integrations.chat.Conversation;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.git.GitProvider;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Which channels receive which events of a connected repository, kept in PostgreSQL. */
@Service
class Subscriptions {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Subscriptions(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    private static final String SELECT = """
            select s.id, s.repository_id, r.provider, r.full_name, s.platform, s.channel_id, s.features, s.filters::text as filters, s.created_by
            from subscriptions s join repositories r on r.id = s.repository_id
            """;

    /** The channel where a repository is connected gets everything from it, until someone narrows it. */
    @EventListener
    void on(RepositoryConnected connected) {
        save(connected.repositoryId(), connected.conversation(), EnumSet.allOf(Feature.class), SubscriptionFilters.NONE, connected.userId());
    }

    void save(long repositoryId, Conversation conversation, Set<Feature> features, SubscriptionFilters filters, long userId) {
        jdbc.sql("""
                        insert into subscriptions (repository_id, platform, channel_id, features, filters, created_by)
                        values (?, ?, ?, cast(? as text[]), cast(? as jsonb), ?)
                        on conflict (repository_id, platform, channel_id)
                        do update set features = excluded.features, filters = excluded.filters, created_by = excluded.created_by""")
                .params(repositoryId, conversation.platform().id(), conversation.channelId(), featureArray(features),
                        json.writeValueAsString(filters), userId)
                .update();
    }

    Optional<Subscription> find(long repositoryId, Conversation conversation) {
        return jdbc.sql(SELECT + "where s.repository_id = ? and s.platform = ? and s.channel_id = ?")
                .params(repositoryId, conversation.platform().id(), conversation.channelId()).query(this::subscription).optional();
    }

    boolean delete(long repositoryId, Conversation conversation) {
        return jdbc.sql("delete from subscriptions where repository_id = ? and platform = ? and channel_id = ?")
                .params(repositoryId, conversation.platform().id(), conversation.channelId()).update() > 0;
    }

    List<Subscription> ofChannel(Conversation conversation) {
        return jdbc.sql(SELECT + "where s.platform = ? and s.channel_id = ? order by r.provider, lower(r.full_name)")
                .params(conversation.platform().id(), conversation.channelId()).query(this::subscription).list();
    }

    List<Subscription> ofRepository(long repositoryId, Feature feature) {
        return jdbc.sql(SELECT + "where s.repository_id = ? and ? = any (s.features) order by s.id")
                .params(repositoryId, feature.id()).query(this::subscription).list();
    }

    /** The Git logins (of this provider) of a user and of their project's members, for not-mine and author:team. */
    SubscriptionFilters.Audience audience(long userId, long projectId, GitProvider provider) {
        Set<String> mine = new HashSet<>(jdbc.sql("select external_id from user_identities where user_id = ? and kind = ?")
                .params(userId, provider.id()).query(String.class).list());
        Set<String> team = new HashSet<>(jdbc.sql("""
                        select i.external_id from project_members m join user_identities i on i.user_id = m.user_id
                        where m.project_id = ? and i.kind = ?""")
                .params(projectId, provider.id()).query(String.class).list());
        return new SubscriptionFilters.Audience(mine, team);
    }

    private Subscription subscription(ResultSet row, int n) throws SQLException {
        Set<Feature> features = EnumSet.noneOf(Feature.class);
        Arrays.stream((String[]) row.getArray("features").getArray()).map(f -> Feature.valueOf(f.toUpperCase(Locale.ROOT))).forEach(features::add);
        return new Subscription(row.getLong("id"), row.getLong("repository_id"), GitProvider.valueOf(row.getString("provider").toUpperCase(Locale.ROOT)),
                row.getString("full_name"), new Conversation(Platform.valueOf(row.getString("platform").toUpperCase(Locale.ROOT)), row.getString("channel_id")),
                features, json.readValue(row.getString("filters"), SubscriptionFilters.class), row.getLong("created_by"));
    }

    /** A PostgreSQL array literal; feature ids are plain words, so nothing needs quoting. */
    private static String featureArray(Set<Feature> features) {
        return features.stream().sorted().map(Feature::id).collect(Collectors.joining(",", "{", "}"));
    }
}
