package com.ticolops.integrations.leader;

import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;

/**
 * Leaders elected in the one PostgreSQL every replica shares, with Spring Integration's JDBC lock registry
 * ({@code int_lock}, V26): no coordination service beyond the database Ticolops needs anyway.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LeaderProperties.class)
class LeaderElection {

    @Bean
    DefaultLockRepository leaderLockRepository(DataSource dataSource, LeaderProperties properties) {
        // This process's id in the lock rows: a restarted replica is a new holder, whose old lock simply expires.
        DefaultLockRepository repository = new DefaultLockRepository(dataSource, UUID.randomUUID().toString());
        repository.setRegion(properties.region());
        return repository;
    }

    @Bean
    JdbcLockRegistry leaderLocks(DefaultLockRepository leaderLockRepository, LeaderProperties properties) {
        JdbcLockRegistry registry = new JdbcLockRegistry(leaderLockRepository, properties.ttl());
        registry.setIdleBetweenTries(properties.retry());
        return registry;
    }

    @Bean
    Leaders leaders(JdbcLockRegistry leaderLocks, List<LeaderDuty> duties, LeaderProperties properties) {
        return new Leaders(leaderLocks, duties, properties);
    }
}
