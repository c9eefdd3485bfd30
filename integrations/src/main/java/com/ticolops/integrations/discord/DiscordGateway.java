package com.ticolops.integrations.discord;

import com.ticolops.integrations.leader.LeaderDuty;
import java.time.Duration;
import java.util.concurrent.Callable;
import net.dv8tion.jda.api.JDA;

/**
 * The gateway session: slash commands and button clicks arrive on it. Discord delivers each interaction to every
 * session of a bot that is not sharded, so two replicas holding one would each answer it: one replica holds it, the
 * leader of this role.
 */
final class DiscordGateway implements LeaderDuty {

    static final String ROLE = "discord-gateway";

    private final Callable<JDA> connect;
    private final Duration shutdownGrace;
    private volatile JDA session;

    DiscordGateway(Callable<JDA> connect, Duration shutdownGrace) {
        this.connect = connect;
        this.shutdownGrace = shutdownGrace;
    }

    @Override
    public String role() {
        return ROLE;
    }

    @Override
    public void takeOver() throws Exception {
        session = connect.call();
    }

    @Override
    public void handOver() {
        JDA held = session;
        session = null;
        if (held == null) {
            return;
        }
        held.shutdown();
        try {
            if (!held.awaitShutdown(shutdownGrace)) {
                held.shutdownNow();
            }
        } catch (InterruptedException e) {
            held.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The session this replica holds, if it is the leader. */
    JDA session() {
        return session;
    }
}
