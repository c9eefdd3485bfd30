package com.ticolops.integrations.leader;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.integration.support.locks.LockRegistry;

/**
 * One election per {@link LeaderDuty}, each on a thread of its own (Spring Integration's initiator). Stopping (a
 * graceful shutdown, a rolling update) hands every role over and releases its lock, so another replica takes it
 * within {@code ticolops.leader.retry} instead of waiting for the lock to expire.
 */
final class Leaders implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Leaders.class);

    private final List<LockRegistryLeaderInitiator> elections;
    private volatile boolean running;

    Leaders(LockRegistry<?> locks, List<LeaderDuty> duties, LeaderProperties properties) {
        this.elections = duties.stream().map(duty -> {
            LockRegistryLeaderInitiator election = new LockRegistryLeaderInitiator(locks, new DutyCandidate(duty));
            election.setHeartBeatMillis(properties.heartbeat().toMillis());
            election.setBusyWaitMillis(properties.retry().toMillis());
            election.setAutoStartup(false);
            return election;
        }).toList();
    }

    @Override
    public void start() {
        elections.forEach(LockRegistryLeaderInitiator::start);
        running = true;
    }

    @Override
    public void stop() {
        elections.forEach(LockRegistryLeaderInitiator::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private record DutyCandidate(LeaderDuty duty, String id) implements Candidate {

        DutyCandidate(LeaderDuty duty) {
            this(duty, UUID.randomUUID().toString());
        }

        @Override
        public String getRole() {
            return duty.role();
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public void onGranted(Context context) throws InterruptedException {
            log.info("This replica now holds {}", duty.role());
            try {
                duty.takeOver();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                log.warn("Could not take over {}; giving the role up", duty.role(), e);
                context.yield();
            }
        }

        @Override
        public void onRevoked(Context context) {
            log.info("This replica no longer holds {}", duty.role());
            duty.handOver();
        }
    }
}
