package cn.grid.study.messaging;

import cn.grid.contracts.events.study.LectureOrderAcceptedV1;
import cn.grid.contracts.events.study.LectureOrderDeclinedV1;
import cn.grid.contracts.events.study.LectureOrderPlacedV1;
import cn.grid.contracts.events.study.ReflectionReviewedV1;
import cn.grid.contracts.events.study.ReflectionSubmittedV1;
import cn.grid.platform.outbox.OutboxWriter;
import cn.grid.study.domain.LectureOrder;
import cn.grid.study.domain.Reflection;
import cn.grid.study.domain.StudyMaterial;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Announces lecture orders and reflections on {@code study.events}, through the outbox of the calling
 * transaction (a sibling of StudyEventPublisher, which announces sessions).
 */
@ApplicationScoped
public class CatalogueEventPublisher {

    private final OutboxWriter outbox;

    public CatalogueEventPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** Written, or resubmitted after a return: it waits for review either way. */
    public void reflectionSubmitted(Reflection r) {
        outbox.append(new ReflectionSubmittedV1(r.id().toString(), r.memberSubject(), text(r.personId()),
                r.orgId().toString(), text(r.sessionId()), text(r.materialId()), r.submittedAt()));
    }

    public void reflectionReviewed(Reflection r) {
        outbox.append(new ReflectionReviewedV1(r.id().toString(), r.memberSubject(), text(r.personId()),
                r.orgId().toString(), text(r.sessionId()), text(r.materialId()), r.state().name(), r.reviewedBy(),
                r.reviewedAt()));
    }

    public void lectureOrderPlaced(LectureOrder order, StudyMaterial lecture, UUID gridNodeId,
            UUID speakerPersonId) {
        outbox.append(new LectureOrderPlacedV1(order.id().toString(), lecture.id().toString(), lecture.title(),
                order.orgId().toString(), gridNodeId.toString(), order.speakerSubject(), text(speakerPersonId),
                order.wantedAt(), order.place(), order.orderedBy(), order.createdAt()));
    }

    public void lectureOrderDeclined(LectureOrder order, StudyMaterial lecture, UUID gridNodeId) {
        outbox.append(new LectureOrderDeclinedV1(order.id().toString(), lecture.id().toString(), lecture.title(),
                order.orgId().toString(), gridNodeId.toString(), order.speakerSubject(), order.declineReason(),
                order.orderedBy(), order.decidedAt()));
    }

    public void lectureOrderAccepted(LectureOrder order, StudyMaterial lecture, UUID gridNodeId) {
        outbox.append(new LectureOrderAcceptedV1(order.id().toString(), lecture.id().toString(), lecture.title(),
                order.orgId().toString(), order.speakerSubject(), order.sessionId().toString(),
                gridNodeId.toString(), order.wantedAt(), order.decidedAt()));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
