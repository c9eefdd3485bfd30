package com.ticolops.integrations.net;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.net.OutboundMetrics.Target;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.Test;

/** Apache HttpClient on the pinned connections, each request counted as its answer or its failure came. */
class MeteredConnectionTest {

    private final OutboundScrape scrape = new OutboundScrape();

    @Test
    void twoRequestsOnOneKeptAliveConnectionAreTwoCallsWithTheirOwnOutcomes() throws IOException {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        try (CloseableHttpClient http = client(server.port(), 5_000)) {
            server.stubFor(get(urlPathEqualTo("/ok")).willReturn(aResponse().withStatus(200).withBody("fine")));
            server.stubFor(get(urlPathEqualTo("/gone")).willReturn(aResponse().withStatus(404).withBody("no")));

            for (String path : new String[] {"/ok", "/gone"}) {
                try (CloseableHttpResponse response = http.execute(new HttpGet("http://hooks.example.test:" + server.port() + path))) {
                    EntityUtils.consume(response.getEntity());
                }
            }
        } finally {
            server.stop();
        }

        assertThat(server.getAllServeEvents()).hasSize(2);
        assertThat(scrape.calls("webhook", "success")).isEqualTo(1);
        assertThat(scrape.calls("webhook", "client_error")).isEqualTo(1);
        assertThat(scrape.calls("webhook", "unreachable")).as("closing the kept-alive connection afterwards").isZero();
    }

    @Test
    void aServerThatTakesTheRequestAndNeverAnswersIsOneUnreachableCall() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             CloseableHttpClient http = client(silent.getLocalPort(), 300)) {
            Thread accepting = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(2_000);
                } catch (IOException | InterruptedException e) {
                    // the test is over
                }
            });
            accepting.start();

            assertThatThrownBy(() -> http.execute(new HttpGet("http://hooks.example.test:" + silent.getLocalPort() + "/")))
                    .isInstanceOf(SocketTimeoutException.class);
            accepting.interrupt();
        }

        assertThat(scrape.calls("webhook", "unreachable")).isEqualTo(1);
    }

    private CloseableHttpClient client(int port, int socketTimeoutMillis) throws IOException {
        GitHostAccess pinned = new GitHostAccess("http://hooks.example.test:" + port, null, List.of(InetAddress.getByName("127.0.0.1")));
        return HttpClients.custom().setConnectionManager(PinnedConnections.manager(pinned, scrape.metrics(), Target.WEBHOOK))
                .disableAutomaticRetries().setDefaultRequestConfig(RequestConfig.custom().setSocketTimeout(socketTimeoutMillis).build()).build();
    }
}
