package com.ticolops.bot.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

class ListenerBackPressureTest {

    final CountDownLatch listenersMayFinish = new CountDownLatch(1);
    final ThreadPoolTaskExecutor listeners = new ThreadPoolTaskExecutor();

    @AfterEach
    void stopListeners() {
        listenersMayFinish.countDown();
        listeners.shutdown();
    }

    @Test
    void aThreadHandingWorkToListenersThatAreFullWaitsUntilOneFinishes() throws Exception {
        // GIVEN one listener thread, room for two tasks, and two slow tasks handed over
        start(new ListenerBackPressure(2));
        listeners.execute(this::slowListener);
        listeners.execute(this::slowListener);

        // WHEN a third is handed over
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> listeners.execute(() -> { }));

        // THEN it waits while the two are pending, and is taken once the first finishes
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> !third.isDone());
        listenersMayFinish.countDown();
        third.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aListenerHandingOverFollowUpWorkNeverWaits() throws Exception {
        // GIVEN room for one task, taken by a listener that hands over two more while it runs
        start(new ListenerBackPressure(1));
        CompletableFuture<Void> followUpsHandedOver = new CompletableFuture<>();
        listeners.execute(() -> {
            listeners.execute(() -> { });
            listeners.execute(() -> { });
            followUpsHandedOver.complete(null);
        });

        // THEN it was not made to wait for room
        followUpsHandedOver.get(5, TimeUnit.SECONDS);
        assertThat(followUpsHandedOver).isCompleted();
    }

    @Test
    void itIsBusyOnceFourFifthsOfTheRoomAreTaken() {
        ListenerBackPressure backPressure = new ListenerBackPressure(10);
        List<Runnable> handedOver = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            assertThat(backPressure.busy()).isFalse();
            handedOver.add(backPressure.decorate(() -> { }));
        }

        assertThat(backPressure.busy()).isTrue();
        handedOver.get(0).run();
        assertThat(backPressure.busy()).isFalse();
    }

    private void start(ListenerBackPressure backPressure) {
        listeners.setCorePoolSize(1);
        listeners.setTaskDecorator(backPressure);
        listeners.initialize();
    }

    private void slowListener() {
        try {
            listenersMayFinish.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
