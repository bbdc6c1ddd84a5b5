package cn.grid.study.api;

import cn.grid.study.app.StudyPlanService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Schema(name = "MemberReading", description = "One member's reading of a plan's required books (unreported "
        + "books with nulls).")
public record ReadingView(UUID personId, String personName, String subject, int finishedBooks, List<Book> books) {

    @Schema(name = "BookReading")
    public record Book(UUID materialId, String title, Integer pagesRead, Integer percent, boolean finished,
            OffsetDateTime updatedAt) {
    }

    @Schema(name = "ReadingProgress", description = "The reported progress of one member on one book.")
    public record Progress(UUID planId, UUID materialId, String subject, Integer pagesRead, Integer percent,
            boolean finished, OffsetDateTime updatedAt) {
    }

    static ReadingView of(StudyPlanService.MemberReading r) {
        List<Book> books = r.books().stream().map(b -> b.progress() == null
                ? new Book(b.book().id(), b.book().title(), null, null, false, null)
                : new Book(b.book().id(), b.book().title(), b.progress().pagesRead(), b.progress().percent(),
                        b.progress().finished(), b.progress().updatedAt())).toList();
        return new ReadingView(r.member().personId(), r.member().personName(), r.member().subject(),
                (int) books.stream().filter(Book::finished).count(), books);
    }
}
