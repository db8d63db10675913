package dev.shortlist.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a test's own (initdb into a temporary folder, on a free port),
 * which the test may restart, stop and starve without touching the shared server that
 * everyone else uses. Trust authentication on loopback, user {@code shortlist}, database
 * {@code shortlist}. As root it runs as the {@code postgres} user, as scripts/services.sh does.
 */
public final class PostgresCluster implements AutoCloseable {

    public static final String USER = "shortlist";
    private static final Path BIN = Path.of(System.getProperty("shortlist.pg.bin", "/usr/lib/postgresql/15/bin"));

    private final Path dir;
    private final Path data;
    private final int port;

    private PostgresCluster(Path dir, int port) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
    }

    /**
     * Initialises a new cluster, starts it and creates the {@code shortlist} database.
     * fsync is off (the tests crash PostgreSQL, never the machine), but commits stay
     * synchronous: an immediate shutdown must not lose a commit the service acknowledged.
     */
    public static PostgresCluster start() throws IOException, InterruptedException, SQLException {
        Path dir = Files.createTempDirectory("shortlist-pg-");
        PostgresCluster cluster = new PostgresCluster(dir, freePort());
        if (isRoot()) {
            run("chown", "postgres:", dir.toString());
        }
        cluster.pg(BIN.resolve("initdb").toString(), "-D", cluster.data.toString(), "--username=" + USER, "--auth=trust",
                "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");
        Files.writeString(cluster.data.resolve("postgresql.conf"), """
                listen_addresses = '127.0.0.1'
                port = %d
                unix_socket_directories = ''
                max_connections = 60
                shared_buffers = 32MB
                fsync = off
                full_page_writes = off
                """.formatted(cluster.port), java.nio.file.StandardOpenOption.APPEND);
        cluster.startServer();
        try (Connection db = DriverManager.getConnection(cluster.jdbcUrl("postgres"), USER, "");
                Statement sql = db.createStatement()) {
            sql.execute("CREATE DATABASE shortlist");
        }
        return cluster;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return jdbcUrl("shortlist");
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    /** Starts the server and waits until it accepts connections. */
    public void startServer() throws IOException, InterruptedException {
        pg(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "start");
    }

    /** Stops the server: {@code fast} ends sessions and checkpoints, {@code immediate} is a crash. */
    public void stopServer(String mode) throws IOException, InterruptedException {
        pg(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", mode, "-w", "-t", "60", "stop");
    }

    /** What {@code pg_ctl restart -m <mode>} does: stop, then start again. */
    public void restart(String mode) throws IOException, InterruptedException {
        pg(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-m", mode, "-w", "-t", "60", "restart");
    }

    /** Runs statements as the superuser, one after the other. */
    public void execute(String... statements) throws SQLException {
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stopServer("immediate");
        } catch (IllegalStateException alreadyStopped) {
            // stopped by the test
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private void pg(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
