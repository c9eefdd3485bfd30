import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The durable limit {@code Load.java webhooks --step} compares Ticolops with: a bare JDK endpoint that checks a GitHub
 * delivery's HMAC-SHA256 signature and stores it with ONE autocommitted INSERT, answering only after the commit. Ten
 * handler threads, each with its own connection, so there are never more than ten transactions in flight, as with
 * Ticolops' pool. Nothing is parsed and nothing runs after the ack: this is the floor of "a 2xx means durably stored".
 *
 * <pre>
 * java -cp postgresql.jar benchmarks/Baseline.java &lt;http port&gt; &lt;postgres port&gt; &lt;webhook secret&gt;
 * </pre>
 *
 * Load.java starts it with the driver taken out of {@code bot/target/ticolops.jar}; the table is created here.
 */
public class Baseline {

    private static final int CONNECTIONS = 10;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String url = "jdbc:postgresql://localhost:" + args[1] + "/postgres";
        byte[] secret = args[2].getBytes(StandardCharsets.UTF_8);
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            connection.createStatement().execute("create table if not exists bench_baseline (delivery_id text primary key, body bytea not null)");
        }
        ThreadLocal<PreparedStatement> insert = ThreadLocal.withInitial(() -> {
            try {
                return DriverManager.getConnection(url, "postgres", "")
                        .prepareStatement("insert into bench_baseline (delivery_id, body) values (?, ?) on conflict do nothing");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        ThreadLocal<Mac> hmac = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return mac;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // The JDK server closes idle keep-alive connections beyond 200 by default, which the generator's larger pool
        // would see as failed requests. It reads the property when the first server is created.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.createContext("/webhooks/github", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String signature = exchange.getRequestHeaders().getFirst("X-Hub-Signature-256");
            String delivery = exchange.getRequestHeaders().getFirst("X-GitHub-Delivery");
            int status;
            if (signature == null || delivery == null) {
                status = 400;
            } else if (!MessageDigest.isEqual(("sha256=" + HexFormat.of().formatHex(hmac.get().doFinal(body))).getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII))) {
                status = 401;
            } else {
                try {
                    PreparedStatement statement = insert.get();
                    statement.setString(1, delivery);
                    statement.setBytes(2, body);
                    statement.executeUpdate();
                    status = 202;
                } catch (SQLException e) {
                    status = 503;
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(CONNECTIONS));
        server.start();
        System.out.println("baseline listening on " + port + ", " + CONNECTIONS + " connections to " + url);
    }
}
