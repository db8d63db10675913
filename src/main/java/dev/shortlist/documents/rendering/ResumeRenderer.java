package dev.shortlist.documents.rendering;

import dev.shortlist.platform.cpu.CpuPool;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * Turns Markdown (a resume, or a score report) into a downloadable PDF or DOCX. Layout
 * is CPU work, so it runs on the CPU pool, never on the event loop, and a burst
 * of downloads queues there instead of starving other requests.
 */
@ApplicationScoped
public class ResumeRenderer {

    private final PdfResumeWriter pdfWriter = new PdfResumeWriter();
    private final DocxResumeWriter docxWriter = new DocxResumeWriter();
    private final CpuPool cpu;

    ResumeRenderer(CpuPool cpu) {
        this.cpu = cpu;
    }

    public Uni<byte[]> pdf(String markdown) {
        return render(markdown, pdfWriter::write);
    }

    public Uni<byte[]> docx(String markdown) {
        return render(markdown, docxWriter::write);
    }

    private Uni<byte[]> render(String markdown, Function<MarkdownResume, byte[]> writer) {
        return cpu.run(() -> writer.apply(MarkdownResume.parse(markdown)));
    }
}
