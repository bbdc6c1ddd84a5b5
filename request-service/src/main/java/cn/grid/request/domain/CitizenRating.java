package cn.grid.request.domain;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** 评价: the reporter's stars (1–5) and comment. {@link #NONE} until rated. */
@Embeddable
public record CitizenRating(
        @Column(name = "rating") Short stars,
        @Column(name = "rating_comment") String comment) {

    /** Ratings at or below this are dissatisfied: the ticket is done again (重办). */
    public static final int DISSATISFIED_AT_MOST = 2;

    public static final CitizenRating NONE = new CitizenRating(null, null);

    public static CitizenRating of(int stars, String comment) {
        if (stars < 1 || stars > 5) {
            throw DomainProblem.invalid("rating", "must be 1 to 5");
        }
        return new CitizenRating((short) stars, comment);
    }

    public boolean rated() {
        return stars != null;
    }

    /** Rated above {@link #DISSATISFIED_AT_MOST}: the rating closes the ticket. False when not rated. */
    public boolean satisfied() {
        return stars != null && stars > DISSATISFIED_AT_MOST;
    }
}
