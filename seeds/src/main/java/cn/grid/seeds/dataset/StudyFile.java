package cn.grid.seeds.dataset;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** dataset/study.json: the catalogue (required books, films, micro-lectures) and the study sessions. */
public record StudyFile(@JsonProperty("_about") String about, Titles books, Titles films,
        MicroLectures microLectures, List<SessionSpec> sessions) {

    public StudyFile {
        Required.present(books, "books");
        Required.present(films, "films");
        Required.present(microLectures, "microLectures");
        sessions = Required.orEmpty(sessions);
    }

    public record Titles(String source, List<String> titles) {

        public Titles {
            titles = Required.orEmpty(titles);
        }
    }

    /**
     * {@code count} micro-lectures offered on the 点单 menu by lecturers of the place with code {@code owner}
     * (loaded only when that place is); {@code title} a format with the lecture's number.
     */
    public record MicroLectures(int count, String owner, String title, List<String> tags, String source) {

        public MicroLectures {
            Required.present(owner, "microLectures.owner");
            Required.present(title, "microLectures.title");
            tags = Required.orEmpty(tags);
        }
    }

    /**
     * {@code count} sessions (default 1) at the place with code {@code at}; with a count above 1 {@code title} is a
     * format with the session's number. {@code film} names a film of the catalogue shown at it.
     */
    public record SessionSpec(String at, String kind, Integer count, String title, String place, String film,
            String source) {

        public SessionSpec {
            Required.present(at, "sessions.at");
            Required.present(kind, "sessions.kind");
            Required.present(title, "sessions.title");
            count = count == null ? 1 : Required.positive(count, "sessions.count");
        }
    }
}
