package com.ticolops.integrations.net;

import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads of listeners that call GitHub, GitLab or a deploy hook and wait for the answer (start a deployment, fetch
 * a log, ask whether a pull request still merges): {@code @Async(OutboundCalls.EXECUTOR)}. On the listeners' shared
 * eight threads, a deployment's two calls of 300 ms each let 13 deployments a second start at most, and held up every
 * other listener meanwhile (issue 10's deploy benchmark: 70 of 1,300 started). Waiting costs a thread no CPU, so there
 * are many; Spring Boot's builder gives them the same task decorator (the back-pressure) as the shared ones.
 */
@Configuration(proxyBeanMethods = false)
public class OutboundCalls {

    public static final String EXECUTOR = "outboundExecutor";
    static final int THREADS = 64;

    @Bean(name = EXECUTOR)
    ThreadPoolTaskExecutor outboundExecutor(ThreadPoolTaskExecutorBuilder builder) {
        return builder.corePoolSize(THREADS).maxPoolSize(THREADS).threadNamePrefix("outbound-").build();
    }
}
