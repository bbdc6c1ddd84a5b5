package cn.grid.request.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An update or comment on a ticket; internal notes stay hidden from the citizen. */
@Entity
@Table(name = "request_comment")
public class RequestComment {

    @Id
    private UUID id;

    @Column(name = "request_id")
    private UUID requestId;

    private String author;

    private String text;

    @Column(name = "visible_to_citizen")
    private boolean visibleToCitizen;

    private OffsetDateTime at;

    protected RequestComment() {
        // for JPA
    }

    public RequestComment(UUID id, UUID requestId, String author, String text, boolean visibleToCitizen,
            OffsetDateTime at) {
        this.id = id;
        this.requestId = requestId;
        this.author = author;
        this.text = text;
        this.visibleToCitizen = visibleToCitizen;
        this.at = at;
    }

    public UUID id() {
        return id;
    }

    public String author() {
        return author;
    }

    public String text() {
        return text;
    }

    public boolean visibleToCitizen() {
        return visibleToCitizen;
    }

    public OffsetDateTime at() {
        return at;
    }
}
