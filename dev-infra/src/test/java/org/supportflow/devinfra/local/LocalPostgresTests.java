package org.supportflow.devinfra.local;

import org.junit.jupiter.api.Test;
import org.supportflow.devinfra.postgres.PostgresConnection;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class LocalPostgresTests {

    @Test
    void nothingListening() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }

        assertThat(LocalPostgres.probe(connection(port))).isEqualTo(LocalPostgres.Probe.CLOSED);
    }

    @Test
    void aServerThatDoesNotSpeakPostgresIsRecognised() throws Exception {
        try (ServerSocket http = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread server = Thread.ofVirtual().start(() -> answerLikeAnHttpServer(http));

            assertThat(LocalPostgres.probe(connection(http.getLocalPort()))).isEqualTo(LocalPostgres.Probe.NOT_POSTGRES);
            http.close();
            server.join(5_000);
        }
    }

    @Test
    void aRefusedLoginIsStillPostgres() {
        assertThat(LocalPostgres.classify(new SQLException("password authentication failed", "28P01")))
                .isEqualTo(LocalPostgres.Probe.REFUSED);
        assertThat(LocalPostgres.classify(new SQLException("no pg_hba.conf entry", "28000")))
                .isEqualTo(LocalPostgres.Probe.REFUSED);
        assertThat(LocalPostgres.classify(new SQLException("The connection attempt failed.", "08001")))
                .isEqualTo(LocalPostgres.Probe.NOT_POSTGRES);
        assertThat(LocalPostgres.classify(new SQLException("no state")))
                .isEqualTo(LocalPostgres.Probe.NOT_POSTGRES);
    }

    @Test
    void exitCodesAreDistinctForTheShell() {
        assertThat(LocalPostgres.Probe.values())
                .extracting(probe -> probe.exitCode)
                .doesNotHaveDuplicates()
                .doesNotContain(Launcher.FAILED, Launcher.USAGE)
                .contains(Launcher.OK);
    }

    private static PostgresConnection connection(int port) {
        return new PostgresConnection("127.0.0.1", port, "postgres", "postgres", "");
    }

    private static void answerLikeAnHttpServer(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                client.getInputStream().read(new byte[64]);
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return;
            }
        }
    }
}
