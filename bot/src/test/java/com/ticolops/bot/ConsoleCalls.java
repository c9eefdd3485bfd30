package com.ticolops.bot;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP calls to a running Ticolops from this machine's loopback address or from its own non-loopback address: the
 * server listens on every interface, so a call to that address arrives from a non-loopback peer, as a stranger's would.
 */
final class ConsoleCalls {

    static final String HELP = "{\"user\":\"alice\",\"channel\":\"general\",\"text\":\"/ticolops help\"}";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;

    ConsoleCalls(int port) {
        this.port = port;
    }

    /** This machine's non-loopback IPv4 address; the test is skipped, saying so, on a machine without one. */
    static String remoteAddress() {
        String address = null;
        try {
            for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
                if (network.isUp() && !network.isLoopback()) {
                    address = network.inetAddresses().filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                            .map(InetAddress::getHostAddress).findFirst().orElse(address);
                }
            }
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        assumeTrue(address != null, "this machine has no non-loopback IPv4 address to call the console from");
        return address;
    }

    static String error(HttpResponse<String> response) {
        return JSON.readTree(response.body()).path("error").asString();
    }

    HttpResponse<String> get(String host, String path, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(uri(host, path)).GET(), headers);
    }

    HttpResponse<String> post(String host, String path, String json, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(uri(host, path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), headers);
    }

    HttpResponse<String> command(String host, Map<String, String> headers) {
        return post(host, "/api/v1/console/commands", HELP, headers);
    }

    /** A GET sent as raw bytes (HTTP/1.0, so the body is not chunked), for request targets no HTTP client would send. */
    RawResponse rawGet(String requestTarget) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(("GET " + requestTarget + " HTTP/1.0\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String[] response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\r\n\r\n", 2);
            String[] head = response[0].split("\r\n");
            String contentType = Arrays.stream(head).filter(line -> line.regionMatches(true, 0, "Content-Type:", 0, 13))
                    .map(line -> line.substring(13).strip()).findFirst().orElse("");
            return new RawResponse(Integer.parseInt(head[0].split(" ")[1]), contentType, response.length > 1 ? response[1] : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record RawResponse(int status, String contentType, String body) {
    }

    private URI uri(String host, String path) {
        return URI.create("http://" + host + ":" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> headers) {
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
