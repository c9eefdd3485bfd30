package com.ticolops.bot.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BusyApiTest {

    @LocalServerPort
    int port;

    @Autowired
    ListenerBackPressure backPressure;

    @Autowired
    HikariDataSource dataSource;

    final List<Runnable> handedOver = new ArrayList<>();

    @AfterEach
    void listenersCatchUp() {
        handedOver.forEach(Runnable::run);
    }

    @Test
    void whileTheListenersAreFarBehindTheApisWritesAreTurnedAwayBeforeAnythingIsDoneAndReadsGoOn() throws Exception {
        // GIVEN four fifths of the listeners' room taken by work handed over and not yet run
        while (!backPressure.busy()) {
            handedOver.add(backPressure.decorate(() -> { }));
        }

        // WHEN an activity is posted, THEN it is turned away with a time to come back, before its token is even looked at
        HttpResponse<String> write = send(HttpRequest.newBuilder(uri("/api/v1/activities")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"location\": \"src/billing/invoice.py\"}")));
        assertThat(write.statusCode()).isEqualTo(503);
        assertThat(write.headers().firstValue("Retry-After")).contains("5");
        assertThat(write.body()).contains("\"code\":\"unavailable\"")
                .contains("Ticolops is too busy to take this now; nothing was done. Try again in a few seconds.");
        // AND a read is answered as ever (here: refused for want of a token)
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/activities")).GET()).statusCode()).isEqualTo(401);

        // WHEN the listeners catch up, THEN writes are taken again (refused for want of a token, not for being busy)
        listenersCatchUp();
        handedOver.clear();
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/activities")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"location\": \"src/billing/invoice.py\"}"))).statusCode()).isEqualTo(401);
    }

    @Test
    void aRequestWhoseTokenCannotBeLookedUpForWantOfAConnectionIsAnswered503NotAStackTrace() throws Exception {
        // GIVEN every pooled connection taken
        List<Connection> taken = new ArrayList<>();
        try {
            while (taken.size() < dataSource.getHikariConfigMXBean().getMaximumPoolSize()) {
                taken.add(dataSource.getConnection());
            }

            // WHEN a request comes with a token to look up
            HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/api/v1/presence?project=shop"))
                    .header("Authorization", "Bearer tcp_" + "A".repeat(43)).GET());

            // THEN it is told to come back, as when the listeners are behind
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).contains("5");
            assertThat(answer.body()).contains("\"code\":\"unavailable\"");
        } finally {
            for (Connection connection : taken) {
                connection.close();
            }
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
