package cn.grid.request.api;

import cn.grid.platform.idempotency.IdempotencyKeys;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.request.app.CategoryCatalogueService;
import cn.grid.request.app.Open311KeyService;
import cn.grid.request.app.Open311Service;
import cn.grid.request.app.SubmitRequest;
import cn.grid.request.config.Open311Config;
import cn.grid.request.domain.Channel;
import cn.grid.request.domain.RequestCategory;
import cn.grid.request.domain.RequestStatus;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open311 GeoReport v2, JSON only (http://wiki.open311.org/GeoReport_v2): the catalogue as services, tickets
 * as service requests. Integrators authenticate with an api_key (issued by /api/v1/open311/keys), citizens'
 * apps with their bearer token. Errors are the spec's arrays ({@link Open311ErrorFilter}), not problem+json.
 */
@Path("/open311/v2")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Open311 GeoReport v2")
// An integrator's api_key is a query parameter of each operation; besides it a citizen's bearer token or, for
// discovery and the service list, nothing: anonymous or bearer, as the gateway's merged spec says too
@SecurityRequirementsSet
@SecurityRequirementsSet(@SecurityRequirement(name = "jwt"))
public class Open311Resource {

    static final int DEFAULT_LIMIT = 1000;
    private static final int MAX_IDS = 100;
    private static final int MAX_ATTRIBUTES = 30;
    private static final int TITLE_LENGTH = 60;
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\[\\]]{1,40})](\\[])?");
    private static final Pattern PHONE = Pattern.compile("[0-9+\\- ]{5,20}");
    private static final Pattern URL = Pattern.compile("https?://\\S{1,990}");
    /** What a forwarded host or prefix may look like; anything else falls back to the request's own URI. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?");
    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~\\-]+)+");

    private final Open311Service open311;
    private final Open311KeyService keys;
    private final CategoryCatalogueService catalogue;
    private final CurrentCaller caller;
    private final SecurityIdentity identity;
    private final Optional<String> jurisdiction;
    private final String contact;
    private final String keyService;
    private final String changeset;

    public Open311Resource(Open311Service open311, Open311KeyService keys, CategoryCatalogueService catalogue,
            CurrentCaller caller, SecurityIdentity identity,
            Open311Config config) {
        this.open311 = open311;
        this.keys = keys;
        this.catalogue = catalogue;
        this.caller = caller;
        this.identity = identity;
        this.jurisdiction = config.jurisdictionId().filter(j -> !j.isBlank());
        this.contact = config.contact();
        this.keyService = config.keyService();
        this.changeset = config.changeset();
    }

    @GET
    @Path("/discovery.json")
    @Operation(operationId = "open311Discovery", summary = "GeoReport v2 service discovery",
            description = "Needs no api_key or token. Returns the changeset, the operators' contact, key_service (how "
                    + "to obtain an api_key) and one production endpoint: the /open311/v2 base URL as the client "
                    + "reached it (behind the gateway from X-Forwarded-Proto, -Host and -Prefix), JSON only.")
    public Open311Views.Discovery discovery(@Context UriInfo uri, @Context HttpHeaders headers) {
        return new Open311Views.Discovery(changeset, contact, keyService, List.of(new Open311Views.Endpoint(
                Open311Views.SPECIFICATION, baseUrl(uri, headers), changeset, "production",
                List.of(MediaType.APPLICATION_JSON))));
    }

    @GET
    @Path("/services.json")
    @Operation(operationId = "open311Services", summary = "The active categories as GeoReport v2 services",
            description = "Needs no api_key or token. Lists active categories in code order: service_code is the "
                    + "category code, metadata is true when it asks for extra fields (see open311ServiceDefinition), "
                    + "type is realtime, keywords are its type and group. A jurisdiction_id other than this server's "
                    + "is a 400, as a GeoReport error array.")
    public List<Open311Views.Service> services(@QueryParam("jurisdiction_id") String jurisdictionId) {
        checkJurisdiction(jurisdictionId);
        return catalogue.list(false).stream().map(Open311Views.Service::of).toList();
    }

    @GET
    @Path("/services/{service_code}.json")
    @Operation(operationId = "open311ServiceDefinition", summary = "A service's extra fields as attributes",
            description = "Needs no api_key or token. Returns the active category's extra fields as GeoReport "
                    + "attributes (code, datatype with a datatype_description, required, order, the field's name as "
                    + "description, a list type's values), submitted as attribute[code]=value. 404 for an unknown or "
                    + "retired service_code, 400 for another jurisdiction_id, both as GeoReport error arrays.")
    @APIResponse(responseCode = "200", description = "The service's definition",
            content = @Content(schema = @Schema(implementation = Open311Views.ServiceDefinition.class)))
    @APIResponse(responseCode = "404", description = "No active service with this code")
    public Open311Views.ServiceDefinition definition(@PathParam("service_code") String serviceCode,
            @QueryParam("jurisdiction_id") String jurisdictionId) {
        checkJurisdiction(jurisdictionId);
        return Open311Views.ServiceDefinition.of(open311.service(serviceCode));
    }

    @POST
    @Path("/requests.json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(operationId = "open311Submit", summary = "File a service request (a ticket)",
            description = "Form fields per GeoReport v2 (application/x-www-form-urlencoded); authenticated by "
                    + "api_key or a citizen's bearer token. service_code is required; lat + long and/or "
                    + "address_string (one is required); description (at most 4000 characters: its first 60 "
                    + "become the title, else the service's name); first_name, last_name, phone (the ticket's "
                    + "contact); media_url (a photo); attribute[code]=value, and attribute[code][]=value repeated "
                    + "for a multi-value list, checked like submitRequest's attributes. email, device_id, "
                    + "account_id and address_id are accepted and not kept. With Idempotency-Key, a retry returns "
                    + "the first ticket, as for submitRequest.")
    @APIResponse(responseCode = "201", description = "[{service_request_id, service_notice, account_id}]")
    @APIResponse(responseCode = "400", description = "Bad input: [{code, description}]")
    @APIResponse(responseCode = "403", description = "No, an unknown or a revoked api_key, and no citizen token")
    public Response submit(MultivaluedMap<String, String> form, @QueryParam("api_key") String apiKeyInQuery,
            @HeaderParam(IdempotencyKeys.HEADER)
            @Parameter(description = "as on POST /api/v1/requests")
            String idempotencyKey) {
        String apiKey = Optional.ofNullable(first(form, "api_key")).orElse(apiKeyInQuery);
        Open311Service.Client client = client(apiKey);
        checkJurisdiction(first(form, "jurisdiction_id"));
        IdempotencyKeys.Outcome<Open311Service.Ticket> outcome = open311.submit(toCommand(form), client,
                idempotencyKey);
        return Response.status(Response.Status.CREATED)
                .entity(List.of(Open311Views.Submitted.of(outcome.value())))
                .header(IdempotencyKeys.REPLAYED, outcome.replayedHeader())
                .build();
    }

    @GET
    @Path("/requests.json")
    @Operation(operationId = "open311Requests", summary = "Service requests, newest first",
            description = "An api_key sees the tickets it filed, a citizen their own, staff those their registry "
                    + "grants reach. service_request_id (comma-separated, at most 100) overrides every other "
                    + "filter, as the spec says; otherwise service_code, status (open, closed or both) and the "
                    + "window start_date..end_date (ISO-8601 with offset, at most 90 days apart; the last 90 by "
                    + "default) narrow it; at most limit (1-1000, default 1000).")
    public List<Open311Views.Request> requests(@QueryParam("api_key") String apiKey,
            @QueryParam("jurisdiction_id") String jurisdictionId,
            @QueryParam("service_request_id") String ids, @QueryParam("service_code") String serviceCode,
            @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate,
            @QueryParam("status") String status,
            @QueryParam("limit") @Parameter(description = "1..1000, default 1000") String limit) {
        Open311Service.Client client = client(apiKey);
        checkJurisdiction(jurisdictionId);
        Open311Service.Query query = new Open311Service.Query(ids(ids), blankToNull(serviceCode),
                dateTime("start_date", startDate), dateTime("end_date", endDate), statuses(status), limit(limit));
        return open311.search(query, client).stream().map(Open311Views.Request::of).toList();
    }

    @GET
    @Path("/requests/{service_request_id}.json")
    @Operation(operationId = "open311Request", summary = "One service request, as a one-element array",
            description = "Needs an api_key (query) or a bearer token (403 with neither or with an unknown or revoked "
                    + "key, 401 for an invalid token): a key reads only tickets it filed (403 otherwise), a token as "
                    + "the JSON API (the reporter, or staff whose registry grants reach the ticket); 404 for an unknown or "
                    + "malformed id. status is closed for REJECTED, RESOLVED, CLOSED and WITHDRAWN, otherwise open; "
                    + "status_notes names our status, expected_datetime is the resolution deadline while open; the "
                    + "reporter and their contact are never shown.")
    public List<Open311Views.Request> request(@PathParam("service_request_id") String id,
            @QueryParam("api_key") String apiKey, @QueryParam("jurisdiction_id") String jurisdictionId) {
        Open311Service.Client client = client(apiKey);
        checkJurisdiction(jurisdictionId);
        UUID requestId;
        try {
            requestId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            // no ticket has such an id
            throw DomainProblem.notFound("request", id);
        }
        return List.of(Open311Views.Request.of(open311.get(requestId, client)));
    }

    /**
     * Who asks. A bearer token, when sent, is verified first (an invalid one is a 401 even beside a good
     * api_key); the api_key, when sent, decides; without either, nothing is answered.
     */
    private Open311Service.Client client(String apiKey) {
        boolean token = !identity.isAnonymous();
        if (apiKey != null && !apiKey.isEmpty()) {
            return Open311Service.Client.of(keys.authenticate(apiKey));
        }
        if (token) {
            return Open311Service.Client.of(caller.get());
        }
        throw DomainProblem.forbidden("give an api_key, or a citizen's bearer token in Authorization");
    }

    private void checkJurisdiction(String jurisdictionId) {
        if (jurisdictionId != null && !jurisdictionId.isBlank() && jurisdiction.isPresent()
                && !jurisdiction.get().equals(jurisdictionId.strip())) {
            throw DomainProblem.invalid("jurisdiction_id", "this server serves " + jurisdiction.get() + " only");
        }
    }

    private SubmitRequest toCommand(MultivaluedMap<String, String> form) {
        String serviceCode = first(form, "service_code");
        if (serviceCode == null) {
            throw DomainProblem.invalid("service_code", "required");
        }
        Double lat = number(form, "lat", -90, 90);
        Double lon = number(form, "long", -180, 180);
        if ((lat == null) != (lon == null)) {
            throw DomainProblem.invalid("lat", "lat and long come together");
        }
        String address = text(form, "address_string", 500);
        if (lat == null && address == null) {
            throw DomainProblem.invalid("location", "give lat and long, or address_string");
        }
        String description = text(form, "description", 4000);
        String phone = text(form, "phone", 20);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw DomainProblem.invalid("phone", "digits, +, - and spaces (5-20)");
        }
        String mediaUrl = text(form, "media_url", 1000);
        if (mediaUrl != null && !URL.matcher(mediaUrl).matches()) {
            throw DomainProblem.invalid("media_url", "must be an http(s) URL");
        }
        String name = contactName(text(form, "first_name", 50), text(form, "last_name", 50));
        if (name != null && name.length() > 50) {
            throw DomainProblem.invalid("last_name", "first and last name, at most 50 characters together");
        }
        // email, device_id, account_id and address_id are accepted and not kept: nothing here reads them
        return new SubmitRequest(null, serviceCode, Channel.APP, title(description, serviceCode), description, lat,
                lon, address, null, mediaUrl == null ? List.of() : List.of(mediaUrl), attributes(form), name, phone);
    }

    /** The description's first 60 characters (whitespace folded), or the service's name without one. */
    private String title(String description, String serviceCode) {
        if (description != null) {
            String folded = description.replaceAll("\\s+", " ").strip();
            if (!folded.isEmpty()) {
                int end = folded.offsetByCodePoints(0, Math.min(TITLE_LENGTH, folded.codePointCount(0, folded.length())));
                return folded.substring(0, end);
            }
        }
        return catalogue.list(false).stream().filter(c -> c.code().equals(serviceCode)).findFirst()
                .map(RequestCategory::name).orElse(serviceCode);
    }

    /** Chinese names read family name first (李 + 秀英); others "first last". */
    private static String contactName(String first, String last) {
        if (first == null || last == null) {
            return first != null ? first : last;
        }
        boolean latin = (first + last).chars().anyMatch(c -> c < 0x3000);
        return latin ? first + " " + last : last + first;
    }

    /** attribute[code]=value, and attribute[code][]=value repeated for a multi-value list. */
    private static Map<String, Object> attributes(MultivaluedMap<String, String> form) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : form.entrySet()) {
            if (!entry.getKey().startsWith("attribute")) {
                continue;
            }
            Matcher m = ATTRIBUTE.matcher(entry.getKey());
            if (!m.matches()) {
                throw DomainProblem.invalid(entry.getKey(), "write attribute[code]=value, or attribute[code][]=value "
                        + "for each value of a multi-value list");
            }
            List<String> values = entry.getValue();
            Object value = m.group(2) != null || values.size() > 1 ? new ArrayList<>(values) : values.get(0);
            Object previous = attributes.putIfAbsent(m.group(1), value);
            if (previous != null) {
                throw DomainProblem.invalid("attribute[" + m.group(1) + "]", "given twice");
            }
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw DomainProblem.invalid("attribute", "at most " + MAX_ATTRIBUTES + " attributes");
        }
        return attributes;
    }

    private static List<UUID> ids(String ids) {
        if (ids == null || ids.isBlank()) {
            return null;
        }
        List<UUID> parsed = new ArrayList<>();
        for (String id : ids.split(",")) {
            if (id.isBlank()) {
                continue;
            }
            try {
                parsed.add(UUID.fromString(id.strip()));
            } catch (IllegalArgumentException e) {
                throw DomainProblem.invalid("service_request_id", "'" + id.strip() + "' is not a service request id");
            }
        }
        if (parsed.size() > MAX_IDS) {
            throw DomainProblem.invalid("service_request_id", "at most " + MAX_IDS + " ids at once");
        }
        return parsed;
    }

    private static Set<RequestStatus> statuses(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        Set<RequestStatus> statuses = EnumSet.noneOf(RequestStatus.class);
        for (String s : status.split(",")) {
            statuses.addAll(Open311Service.statusesOf(s.strip().toLowerCase()));
        }
        return statuses;
    }

    private static OffsetDateTime dateTime(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw DomainProblem.invalid(field, "must be an ISO-8601 date-time with offset, e.g. 2026-11-01T00:00:00Z");
        }
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            return Math.max(1, Math.min(DEFAULT_LIMIT, Integer.parseInt(limit.strip())));
        } catch (NumberFormatException e) {
            throw DomainProblem.invalid("limit", "must be a whole number (1-1000)");
        }
    }

    private static Double number(MultivaluedMap<String, String> form, String field, double min, double max) {
        String text = first(form, field);
        if (text == null) {
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw DomainProblem.invalid(field, "must be a number");
        }
        if (!(value >= min && value <= max)) {
            throw DomainProblem.invalid(field, "must be between " + (int) min + " and " + (int) max);
        }
        return value;
    }

    private static String text(MultivaluedMap<String, String> form, String field, int max) {
        String text = first(form, field);
        if (text != null && text.length() > max) {
            throw DomainProblem.invalid(field, "at most " + max + " characters");
        }
        return text;
    }

    /** The field's value, stripped; null when absent or blank. */
    private static String first(MultivaluedMap<String, String> form, String field) {
        String value = form == null ? null : form.getFirst(field);
        return blankToNull(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * This server's /open311/v2 as the client reached it: behind the gateway (or a balancer) from
     * X-Forwarded-Proto/-Host/-Prefix, otherwise from the request itself. Odd-looking header values are ignored.
     */
    private static String baseUrl(UriInfo uri, HttpHeaders headers) {
        String host = forwarded(headers, "X-Forwarded-Host");
        if (host != null && HOST.matcher(host).matches()) {
            String proto = forwarded(headers, "X-Forwarded-Proto");
            String prefix = forwarded(headers, "X-Forwarded-Prefix");
            return ("https".equalsIgnoreCase(proto) ? "https" : "http") + "://" + host
                    + (prefix != null && PREFIX.matcher(prefix).matches() ? prefix.replaceFirst("/$", "") : "")
                    + "/open311/v2";
        }
        return uri.getBaseUriBuilder().path("open311/v2").build().toString();
    }

    /** The first (the client-side) value of a forwarding header that proxies may have appended to. */
    private static String forwarded(HttpHeaders headers, String name) {
        String value = headers.getHeaderString(name);
        if (value == null) {
            return null;
        }
        return blankToNull(value.split(",")[0]);
    }
}
