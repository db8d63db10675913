package dev.shortlist.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real SMTP server on loopback (aiosmtpd, through {@code scripts/smtp-sink.py}) that keeps
 * every message it accepts; a test may stop it and start it again on the same port, and
 * it refuses {@link #REFUSED} with a permanent 550 as a server refuses an unknown mailbox.
 */
public final class SmtpSink extends LoopbackServer {

    /** The address the server refuses for good. */
    public static final String REFUSED = "nobody@refused.example.com";

    private static final SmtpSink INSTANCE = new SmtpSink();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One accepted message: its envelope, decoded subject and headers, and both bodies. */
    public record Message(List<String> rcptTos, String subject, JsonNode headers, String text, String html) {
        public String header(String name) {
            return headers.path(name).asText(null);
        }
    }

    private final Path folder;

    private SmtpSink() {
        try {
            this.folder = Files.createTempDirectory("shortlist-smtp");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SmtpSink instance() {
        return INSTANCE;
    }

    @Override
    protected Process launch() throws IOException {
        return new ProcessBuilder("/usr/bin/python3", "scripts/smtp-sink.py", "--port", String.valueOf(port()),
                "--dir", folder.toString(), "--refuse", REFUSED)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("smtp-sink.log").toFile()))
                .start();
    }

    @Override
    protected String description() {
        return "scripts/smtp-sink.py (scripts/test.sh installs python3-aiosmtpd; log: " + folder.resolve("smtp-sink.log") + ")";
    }

    /** Every message accepted so far, in the order they arrived. */
    public List<Message> messages() {
        try (Stream<Path> files = Files.list(folder)) {
            List<Message> messages = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                JsonNode json = JSON.readTree(file.toFile());
                List<String> rcptTos = new ArrayList<>();
                json.path("rcptTos").forEach(to -> rcptTos.add(to.asText()));
                messages.add(new Message(rcptTos, json.path("subject").asText(), json.path("headers"),
                        json.path("text").asText(null), json.path("html").asText(null)));
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messages whose envelope names this recipient. */
    public List<Message> messagesTo(String recipient) {
        return messages().stream().filter(message -> message.rcptTos().contains(recipient)).toList();
    }
}
