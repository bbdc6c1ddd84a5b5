package cn.grid.request.app;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.platform.time.GridCalendar;
import cn.grid.request.domain.RequestStatus;
import cn.grid.request.domain.RequestType;
import cn.grid.request.domain.TicketFilter;
import cn.grid.request.persistence.RegistryPeople;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Checks a ticket list's filter parameters and resolves them into a {@link TicketFilter}: every value it does not
 * know is a 400 naming the parameter, before anything is read.
 */
@ApplicationScoped
public class TicketFilters {

    static final String ME = "me";

    private final CategoryCatalogueService catalogue;
    private final RegistryPeople directory;
    private final GridCalendar calendar;

    public TicketFilters(CategoryCatalogueService catalogue, RegistryPeople directory, GridCalendar calendar) {
        this.catalogue = catalogue;
        this.directory = directory;
        this.calendar = calendar;
    }

    public TicketFilter resolve(TicketListCriteria criteria, Caller caller) {
        OffsetDateTime from = instant("from", criteria.from(), false);
        OffsetDateTime to = instant("to", criteria.to(), true);
        if (from != null && to != null && from.isAfter(to)) {
            throw DomainProblem.invalid("from", "from (" + criteria.from() + ") is after to (" + criteria.to() + ")");
        }
        return new TicketFilter(statuses(criteria), type(criteria.type()), category(criteria.category()),
                assignee(criteria.assignee(), caller), overdue(criteria.overdue()), from, to);
    }

    private static Set<RequestStatus> statuses(TicketListCriteria criteria) {
        Set<RequestStatus> statuses = EnumSet.noneOf(RequestStatus.class);
        for (String value : criteria.status()) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    statuses.add(enumValue(RequestStatus.class, "status", name));
                }
            }
        }
        return statuses;
    }

    private static RequestType type(String value) {
        return blank(value) ? null : enumValue(RequestType.class, "type", value);
    }

    private String category(String value) {
        if (blank(value)) {
            return null;
        }
        String code = value.strip();
        // inactive categories too: their tickets are still there
        if (catalogue.find(code).isEmpty()) {
            throw DomainProblem.invalid("category", "no category '" + code + "' in the catalogue");
        }
        return code;
    }

    private TicketFilter.Assignee assignee(String value, Caller caller) {
        if (blank(value)) {
            return null;
        }
        String given = value.strip();
        if (ME.equals(given)) {
            // the caller's login, and the person the registry links it to (a dispatch by person id)
            Set<String> mine = new LinkedHashSet<>(Set.of(caller.subject()));
            if (caller.personId() != null) {
                mine.add(caller.personId());
            }
            return TicketFilter.Assignee.person(mine);
        }
        UUID id;
        try {
            id = UUID.fromString(given);
        } catch (IllegalArgumentException e) {
            throw DomainProblem.invalid("assignee", "'" + given + "' is neither a person or team id nor 'me'");
        }
        if (directory.isTeam(id)) {
            return TicketFilter.Assignee.team(id.toString());
        }
        Set<String> logins = directory.loginsOfPerson(id).orElseThrow(() -> DomainProblem.invalid("assignee",
                "no person or team " + id + " is known here (from the grid registry's events)"));
        Set<String> ids = new LinkedHashSet<>(logins);
        ids.add(id.toString());
        return TicketFilter.Assignee.person(ids);
    }

    private static Boolean overdue(String value) {
        if (blank(value)) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw DomainProblem.invalid("overdue", "'" + value + "' is not true or false");
        };
    }

    /**
     * An ISO-8601 instant with offset ({@code 2026-12-01T08:00:00+08:00}, {@code ...Z}), or a date in the grids'
     * zone: as {@code from} its first instant, as {@code to} its last (the next day's first minus PostgreSQL's
     * resolution, a microsecond), so that {@code from=to=<day>} is that whole day.
     */
    private OffsetDateTime instant(String field, String value, boolean endOfDay) {
        if (blank(value)) {
            return null;
        }
        String given = value.strip();
        try {
            if (given.length() == 10) {
                LocalDate day = LocalDate.parse(given);
                return endOfDay ? calendar.startOf(day.plusDays(1)).minus(1, ChronoUnit.MICROS) : calendar.startOf(day);
            }
            OffsetDateTime at = OffsetDateTime.parse(given);
            if (at.getYear() < 1 || at.getYear() > 9999) {
                throw new DateTimeParseException("out of range", given, 0);
            }
            return at;
        } catch (DateTimeParseException e) {
            throw DomainProblem.invalid(field, "'" + given + "' is neither an ISO-8601 instant with offset "
                    + "(2026-12-01T08:00:00+08:00) nor a date (2026-12-01)");
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
        String name = value.strip().toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw DomainProblem.invalid(field, "unknown " + field + " '" + value.strip() + "'; one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
