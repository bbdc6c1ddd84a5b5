package cn.grid.request.api;

import cn.grid.request.app.Open311Service;
import cn.grid.request.domain.CategoryField;
import cn.grid.request.domain.FieldType;
import cn.grid.request.domain.RequestCategory;
import cn.grid.request.domain.RequestStatus;
import cn.grid.request.domain.Resolution;
import cn.grid.request.domain.TicketLocation;
import cn.grid.request.domain.ServiceRequest;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of GeoReport v2 (snake_case, as the spec and its schemas name them). Nulls are written out:
 * the spec's clients expect every field, and its schemas allow null for the optional ones.
 */
final class Open311Views {

    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";

    /** What status_notes says after our status: the word a citizen knows it by. */
    private static final Map<RequestStatus, String> STATUS_LABELS = new EnumMap<>(Map.ofEntries(
            Map.entry(RequestStatus.SUBMITTED, "待受理"),
            Map.entry(RequestStatus.ACCEPTED, "已受理"),
            Map.entry(RequestStatus.REJECTED, "不予受理"),
            Map.entry(RequestStatus.DISPATCHED, "已派单"),
            Map.entry(RequestStatus.SIGNED, "已签收"),
            Map.entry(RequestStatus.RETURNED, "已退单，待重新派单"),
            Map.entry(RequestStatus.IN_PROGRESS, "办理中"),
            Map.entry(RequestStatus.RESOLVED, "已办结，待评价"),
            Map.entry(RequestStatus.CLOSED, "已办结"),
            Map.entry(RequestStatus.REOPENED, "重办中"),
            Map.entry(RequestStatus.WITHDRAWN, "已撤回")));

    private Open311Views() {
    }

    record Endpoint(String specification, String url, String changeset, String type, List<String> formats) {
    }

    record Discovery(String changeset, String contact, @JsonProperty("key_service") String keyService,
            List<Endpoint> endpoints) {
    }

    record Service(@JsonProperty("service_code") String serviceCode,
            @JsonProperty("service_name") String serviceName, String description, boolean metadata, String type,
            String keywords, String group) {

        static Service of(RequestCategory c) {
            return new Service(c.code(), c.name(), c.description(), !c.fields().isEmpty(), "realtime",
                    keywordsOf(c), c.group());
        }
    }

    record Value(String key, String name) {
    }

    record Attribute(boolean variable, String code, String datatype, boolean required,
            @JsonProperty("datatype_description") String datatypeDescription, int order, String description,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Value> values) {

        static Attribute of(CategoryField f) {
            return new Attribute(true, f.code(), f.datatype().open311Name(), f.required(), describe(f.datatype()),
                    f.order(), f.name(), f.values().stream().map(v -> new Value(v.key(), v.name())).toList());
        }
    }

    record ServiceDefinition(@JsonProperty("service_code") String serviceCode, List<Attribute> attributes) {

        static ServiceDefinition of(RequestCategory c) {
            return new ServiceDefinition(c.code(), c.fields().stream().map(Attribute::of).toList());
        }
    }

    record Submitted(@JsonProperty("service_request_id") String serviceRequestId,
            @JsonProperty("service_notice") String serviceNotice, @JsonProperty("account_id") String accountId) {

        static Submitted of(Open311Service.Ticket ticket) {
            return new Submitted(ticket.request().id().toString(), Open311Views.notice(ticket.category()), null);
        }
    }

    /** One ticket as GeoReport v2 shows it. Never the reporter or their contact. */
    record Request(@JsonProperty("service_request_id") String serviceRequestId, String status,
            @JsonProperty("status_notes") String statusNotes, @JsonProperty("service_name") String serviceName,
            @JsonProperty("service_code") String serviceCode, String description,
            @JsonProperty("agency_responsible") String agencyResponsible,
            @JsonProperty("service_notice") String serviceNotice,
            @JsonProperty("requested_datetime") String requestedDatetime,
            @JsonProperty("updated_datetime") String updatedDatetime,
            @JsonProperty("expected_datetime") String expectedDatetime, String address,
            @JsonProperty("address_id") String addressId, String zipcode, Double lat,
            @JsonProperty("long") Double lon, @JsonProperty("media_url") String mediaUrl) {

        static Request of(Open311Service.Ticket ticket) {
            ServiceRequest r = ticket.request();
            RequestCategory category = ticket.category();
            boolean closed = Open311Service.CLOSED.contains(r.status());
            // for a closed ticket the spec wants the time it was closed
            OffsetDateTime updated = closed ? firstNonNull(r.closedAt(), r.resolution().resolvedAt(), r.updatedAt())
                    : r.updatedAt();
            TicketLocation where = r.location();
            return new Request(r.id().toString(), Open311Service.open311Status(r.status()), Open311Views.statusNotes(r),
                    category == null ? null : category.name(), r.categoryCode(),
                    r.description() == null || r.description().isBlank() ? r.title() : r.description(),
                    ticket.agency(), Open311Views.notice(category), time(r.submittedAt()), time(updated),
                    // the resolution deadline while it is open (extensions included); closed: nothing expected
                    closed ? null : time(r.sla().resolveDueAt()), where.address(), null, null, where.latitude(),
                    where.longitude(), r.photos().isEmpty() ? null : r.photos().get(0));
        }
    }

    record Error(int code, String description) {
    }

    /** "IN_PROGRESS: 办理中"; once resolved, the outcome and the resolution notes follow. */
    static String statusNotes(ServiceRequest r) {
        StringBuilder notes = new StringBuilder(r.status().name()).append(": ").append(STATUS_LABELS.get(r.status()));
        Resolution resolution = r.resolution();
        if (resolution.outcome() != null
                && (r.status() == RequestStatus.RESOLVED || r.status() == RequestStatus.CLOSED)) {
            notes.append("; outcome ").append(resolution.outcome().name());
            if (resolution.notes() != null && !resolution.notes().isBlank()) {
                notes.append(": ").append(resolution.notes().strip());
            }
        }
        return notes.toString();
    }

    /** What the citizen can expect: the category's time limits (时限). */
    static String notice(RequestCategory c) {
        if (c == null) {
            return null;
        }
        return "受理时限 " + span(c.sla().respondWithin()) + "，办结时限 " + span(c.sla().resolveWithin());
    }

    private static String span(Duration d) {
        long minutes = d.toMinutes();
        if (minutes % (24 * 60) == 0) {
            return minutes / (24 * 60) + " 天";
        }
        if (minutes % 60 == 0) {
            return minutes / 60 + " 小时";
        }
        return minutes + " 分钟";
    }

    private static String keywordsOf(RequestCategory c) {
        String type = c.type().name().toLowerCase().replace('_', '-');
        return c.group() == null ? type : type + "," + c.group();
    }

    private static String describe(FieldType type) {
        return switch (type) {
            case STRING -> "text, at most 200 characters";
            case TEXT -> "text, at most 4000 characters";
            case NUMBER -> "a decimal number, e.g. 2 or 1.5";
            case DATETIME -> "an ISO-8601 date-time with offset, e.g. 2026-12-01T09:00:00+08:00";
            case SINGLE_VALUE_LIST -> "one key of values: attribute[code]=key";
            case MULTI_VALUE_LIST -> "keys of values, repeated: attribute[code][]=key";
        };
    }

    private static String time(OffsetDateTime t) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
