package cn.grid.request.domain;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A citizen request ticket (点单): what, where, who asked, and which grid it was routed to. */
@Entity
@Table(name = "service_request")
public class ServiceRequest {

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    private RequestType type;

    @Enumerated(EnumType.STRING)
    private Channel channel;

    private String title;

    private String description;

    private Double latitude;

    private Double longitude;

    private String address;

    @Column(name = "grid_node_id")
    private UUID gridNodeId;

    @Column(name = "grid_path")
    private String gridPath;

    @Column(name = "reporter_id")
    private String reporterId;

    @Enumerated(EnumType.STRING)
    private RequestStatus status;

    @Version
    private long version;

    @Column(name = "submitted_at")
    private OffsetDateTime submittedAt;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected ServiceRequest() {
        // for JPA
    }

    /**
     * A new ticket. It needs somewhere to go: a location (coordinates or an address) or a grid.
     *
     * @param gridNodeId the grid it is routed to and {@code gridPath} that grid's path; both null = community queue
     */
    public static ServiceRequest submit(UUID id, RequestType type, Channel channel, String title, String description,
            Double latitude, Double longitude, String address, UUID gridNodeId, String gridPath, String reporterId,
            OffsetDateTime now) {
        if ((latitude == null) != (longitude == null)) {
            throw DomainProblem.invalid("location", "latitude and longitude come together");
        }
        if (latitude == null && (address == null || address.isBlank()) && gridNodeId == null) {
            throw DomainProblem.invalid("location", "give coordinates, an address or a grid node");
        }
        ServiceRequest request = new ServiceRequest();
        request.id = id;
        request.type = type;
        request.channel = channel;
        request.title = title;
        request.description = description;
        request.latitude = latitude;
        request.longitude = longitude;
        request.address = address;
        request.gridNodeId = gridNodeId;
        request.gridPath = gridPath;
        request.reporterId = reporterId;
        request.status = RequestStatus.SUBMITTED;
        request.submittedAt = now;
        request.updatedAt = now;
        return request;
    }

    public boolean reportedBy(String subject) {
        return reporterId.equals(subject);
    }

    public UUID id() {
        return id;
    }

    public RequestType type() {
        return type;
    }

    public Channel channel() {
        return channel;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public Double latitude() {
        return latitude;
    }

    public Double longitude() {
        return longitude;
    }

    public String address() {
        return address;
    }

    public UUID gridNodeId() {
        return gridNodeId;
    }

    public String gridPath() {
        return gridPath;
    }

    public String reporterId() {
        return reporterId;
    }

    public RequestStatus status() {
        return status;
    }

    public long version() {
        return version;
    }

    public OffsetDateTime submittedAt() {
        return submittedAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
