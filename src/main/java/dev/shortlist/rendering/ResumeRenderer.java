package dev.shortlist.rendering;

import dev.shortlist.documents.DocumentsConfig;
import dev.shortlist.documents.WorkerPools;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Turns Markdown (a resume, or a score report) into a downloadable PDF or DOCX. Layout
 * is CPU work, so it runs on its own bounded pool, never on the event loop, and a burst
 * of downloads queues there instead of starving other requests.
 */
@ApplicationScoped
public class ResumeRenderer {

    private final PdfResumeWriter pdfWriter = new PdfResumeWriter();
    private final DocxResumeWriter docxWriter = new DocxResumeWriter();
    private final ExecutorService renderPool;

    ResumeRenderer(DocumentsConfig config) {
        this.renderPool = WorkerPools.fixed("shortlist-render", config.renderThreads());
    }

    public Uni<byte[]> pdf(String markdown) {
        return render(markdown, pdfWriter::write);
    }

    public Uni<byte[]> docx(String markdown) {
        return render(markdown, docxWriter::write);
    }

    private Uni<byte[]> render(String markdown, Function<MarkdownResume, byte[]> writer) {
        return Uni.createFrom().item(() -> writer.apply(MarkdownResume.parse(markdown))).runSubscriptionOn(renderPool);
    }

    @PreDestroy
    void shutdown() {
        renderPool.shutdown();
    }
}
