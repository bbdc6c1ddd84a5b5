package cn.grid.study.api;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.problem.ProblemType;
import cn.grid.platform.security.Caller;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.security.Roles;
import cn.grid.study.app.StatementPage;
import cn.grid.study.app.XapiCaller;
import cn.grid.study.app.XapiClientService;
import cn.grid.study.app.XapiStatementService;
import cn.grid.study.domain.xapi.StatementFormat;
import cn.grid.study.domain.xapi.StatementQuery;
import cn.grid.study.domain.xapi.StoredStatement;
import cn.grid.study.domain.xapi.XapiVersion;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The xAPI 1.0.3 Statement Resource (and the About resource) for learning record providers: e-learning players,
 * the study app. Bodies are read as text and checked here and in {@link XapiStatementService} against the spec, not
 * bound to DTOs: a statement is stored as sent.
 *
 * <p>Callers authenticate with a bearer token or with LRS client credentials over HTTP Basic (what xAPI libraries
 * and the ADL conformance runner send). The statement operations are {@code @PermitAll} because the Basic check
 * is this resource's own ({@link #caller}): Quarkus' token check still runs for a bearer token, and the roles are
 * checked there too.
 */
@Path("/xapi")
@Tag(name = "xAPI statements")
@SecurityScheme(securitySchemeName = "lrsBasic", type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "LRS client credentials for /xapi: key and secret issued with POST /api/v1/study/xapi-clients, "
                + "sent as Authorization: Basic base64(key:secret)")
@APIResponse(responseCode = "400", description = "Not valid xAPI 1.0.3, an unknown parameter, or a missing or unsupported X-Experience-API-Version",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "No valid bearer token, or Basic credentials of an LRS client that are "
        + "unknown, wrong or revoked (WWW-Authenticate: Basic realm=\"xAPI\")",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token's roles do not allow it, or a statement's actor is not the "
        + "caller (nor within the reach of staff or client credentials), or a voided statement is someone else's; "
        + "errors[0].field names actor or object.id",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class XapiStatementsResource {

    private static final Set<String> QUERY_PARAMETERS = Set.of("agent", "verb", "activity", "registration",
            "related_activities", "related_agents", "since", "until", "limit", "format", "attachments", "ascending");
    private static final Set<String> SINGLE_PARAMETERS = Set.of("statementId", "voidedStatementId", "format",
            "attachments");

    /** The token roles that use the Statement Resource; others get 403. */
    private static final List<String> ROLES = List.of(Roles.PARTY_MEMBER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN,
            Roles.GRID_WORKER, Roles.SERVICE);
    private static final String BASIC = "Basic ";
    /** The challenge xAPI clients answer with their Basic credentials. */
    static final String CHALLENGE = "Basic realm=\"xAPI\"";

    private final XapiStatementService service;
    private final XapiClientService clients;
    private final JsonWebToken token;
    private final SecurityIdentity identity;
    private final CurrentCaller callers;

    public XapiStatementsResource(XapiStatementService service, XapiClientService clients, JsonWebToken token,
            SecurityIdentity identity, CurrentCaller callers) {
        this.service = service;
        this.clients = clients;
        this.token = token;
        this.identity = identity;
        this.callers = callers;
    }

    @POST
    @Path("/statements")
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    @SecurityRequirement(name = "jwt")
    @SecurityRequirement(name = "lrsBasic")
    @Operation(operationId = "postXapiStatements", summary = "Store one statement or an array of statements",
            description = "All or nothing: answers 200 with the statements' ids in the order sent (ids the LRS "
                    + "set included). A statement whose id is stored already with the same content is not stored "
                    + "again; with different content the whole request is a 409.")
    @APIResponse(responseCode = "200", description = "The ids of the statements, in order")
    @APIResponse(responseCode = "409", description = "A statement id is stored already with different content",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<String> post(String body, @Context HttpHeaders headers, @Context UriInfo uri) {
        if (!uri.getQueryParameters().isEmpty()) {
            throw unknownParameters(uri.getQueryParameters().keySet(), "POST statements takes no parameters"
                    + " (the alternate request syntax with method= is not supported)");
        }
        XapiCaller caller = caller(headers);
        requireJson(headers);
        return service.post(body, caller).stream().map(UUID::toString).toList();
    }

    @PUT
    @Path("/statements")
    @PermitAll
    @SecurityRequirement(name = "jwt")
    @SecurityRequirement(name = "lrsBasic")
    @Operation(operationId = "putXapiStatement", summary = "Store one statement under statementId",
            description = "For party-member, grid-worker, org-admin, district-admin and service tokens: one statement "
                    + "as application/json (no array, no multipart attachments) whose id, if any, equals statementId, "
                    + "checked against xAPI 1.0.3 (400) and stored as sent, the LRS setting stored, authority (the "
                    + "token's issuer and subject), and timestamp and version when absent. Idempotent: the same "
                    + "statement again is a 204 that changes nothing, a different one under the id a 409. Known verbs "
                    + "become study records in the same transaction: attended on .../sessions/<id> by an actor account "
                    + "named with a member's login marks that member PRESENT (if not yet marked) and credits "
                    + "ATTENDANCE once, completed or read on a BOOK's .../materials/<id> credits BOOK_FINISHED, and "
                    + "voiding such a statement takes the points back.")
    @APIResponse(responseCode = "204", description = "Stored, or the same statement was stored before")
    @APIResponse(responseCode = "409", description = "The id is stored already with different content",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response put(@Parameter(description = "the statement's id (UUID)", required = true)
            @jakarta.ws.rs.QueryParam("statementId") String statementId, String body, @Context HttpHeaders headers,
            @Context UriInfo uri) {
        XapiCaller caller = caller(headers);
        Set<String> others = new java.util.HashSet<>(uri.getQueryParameters().keySet());
        others.remove("statementId");
        if (!others.isEmpty()) {
            throw unknownParameters(others, "PUT statements takes statementId only");
        }
        if (statementId == null) {
            throw DomainProblem.invalid("statementId", "is required");
        }
        requireJson(headers);
        service.put(uuid(statementId, "statementId"), body, caller);
        return Response.noContent().build();
    }

    @GET
    @Path("/statements")
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    @SecurityRequirement(name = "jwt")
    @SecurityRequirement(name = "lrsBasic")
    @Operation(operationId = "getXapiStatements", summary = "One statement (statementId, voidedStatementId) or a StatementResult",
            description = "Filters: agent (JSON), verb, activity, registration, since, until, limit (0 = 100, the most),"
                    + " ascending, format (exact, ids, canonical); related_activities/related_agents are accepted and"
                    + " treated as false; attachments=true is refused. A StatementResult lists the newest stored"
                    + " first (unless ascending); the next page is at \"more\". One statement by statementId or"
                    + " voidedStatementId is a 404 when absent, or voided (statementId) or not voided"
                    + " (voidedStatementId); it carries Last-Modified = stored.")
    @APIResponse(responseCode = "200", description = "The statement, or {\"statements\": [...], \"more\": \"...\"}")
    @APIResponse(responseCode = "404", description = "No such statement (or it is voided / not voided)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@Context UriInfo uri, @Context HttpHeaders headers) {
        XapiCaller caller = caller(headers);
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        for (String name : params.keySet()) {
            if (params.get(name).size() > 1) {
                throw DomainProblem.invalid(name, "is given more than once");
            }
        }
        List<Locale.LanguageRange> languages = languages(headers);
        OffsetDateTime consistentThrough = service.consistentThrough();
        if (params.containsKey("statementId") || params.containsKey("voidedStatementId")) {
            StatementFormat format = singleParameters(params);
            boolean voided = params.containsKey("voidedStatementId");
            String name = voided ? "voidedStatementId" : "statementId";
            StoredStatement statement = service.get(uuid(params.getFirst(name), name), voided, caller);
            return Response.ok(service.format(statement, format, languages), MediaType.APPLICATION_JSON)
                    .header(XapiHeaders.CONSISTENT_THROUGH, XapiHeaders.instant(consistentThrough))
                    .lastModified(Date.from(statement.stored().toInstant()))
                    .build();
        }
        StatementQuery query;
        if (params.containsKey("more")) {
            if (params.size() > 1) {
                throw unknownParameters(params.keySet().stream().filter(p -> !p.equals("more")).collect(Collectors.toSet()),
                        "a more URL is used as it is, without other parameters");
            }
            query = XapiMoreCursor.decode(params.getFirst("more"));
        } else {
            query = query(params);
        }
        StatementPage page = service.query(query, languages, caller);
        String more = page.lastSeq() == null ? ""
                : "/xapi/statements?more=" + XapiMoreCursor.encode(query, page.lastSeq());
        String result = "{\"statements\":[" + String.join(",", page.statements()) + "],\"more\":\"" + more + "\"}";
        return Response.ok(result, MediaType.APPLICATION_JSON)
                .header(XapiHeaders.CONSISTENT_THROUGH, XapiHeaders.instant(consistentThrough))
                .build();
    }

    @GET
    @Path("/about")
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    @Operation(operationId = "getXapiAbout", summary = "The xAPI versions this LRS speaks",
            description = "Needs neither a bearer token nor X-Experience-API-Version, so a client can call it first to "
                    + "learn the version (through the gateway a token is still required). Lists 1.0.3 down to 1.0.0 "
                    + "and no extensions; the answer carries X-Experience-API-Version: 1.0.3.")
    @APIResponse(responseCode = "200", description = "{\"version\": [\"1.0.3\", ...], \"extensions\": {}}")
    public Response about() {
        String versions = XapiVersion.SUPPORTED.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(","));
        return Response.ok("{\"version\":[" + versions + "],\"extensions\":{}}", MediaType.APPLICATION_JSON).build();
    }

    // ---- GET, one statement ------------------------------------------------------------------------------------

    /** Checks the parameters allowed beside statementId / voidedStatementId; returns the format. */
    private static StatementFormat singleParameters(MultivaluedMap<String, String> params) {
        if (params.containsKey("statementId") && params.containsKey("voidedStatementId")) {
            throw new DomainProblem(ProblemType.BAD_REQUEST, "give statementId or voidedStatementId, not both");
        }
        Set<String> others = params.keySet().stream().filter(p -> !SINGLE_PARAMETERS.contains(p))
                .collect(Collectors.toSet());
        if (!others.isEmpty()) {
            throw unknownParameters(others, "with statementId or voidedStatementId only format and attachments are allowed");
        }
        attachments(params);
        return format(params);
    }

    // ---- GET, a query ------------------------------------------------------------------------------------------

    private StatementQuery query(MultivaluedMap<String, String> params) {
        Set<String> unknown = params.keySet().stream().filter(p -> !QUERY_PARAMETERS.contains(p))
                .collect(Collectors.toSet());
        if (!unknown.isEmpty()) {
            throw unknownParameters(unknown, "known parameters are " + new java.util.TreeSet<>(QUERY_PARAMETERS)
                    + " (and statementId, voidedStatementId, more)");
        }
        String agent = params.containsKey("agent") ? service.agentKey(params.getFirst("agent")) : null;
        String verb = params.getFirst("verb");
        String activity = params.getFirst("activity");
        UUID registration = params.containsKey("registration") ? uuid(params.getFirst("registration"), "registration")
                : null;
        OffsetDateTime since = time(params, "since");
        OffsetDateTime until = time(params, "until");
        bool(params, "related_activities");
        bool(params, "related_agents");
        boolean ascending = bool(params, "ascending");
        attachments(params);
        int limit = StatementQuery.MAX_LIMIT;
        if (params.containsKey("limit")) {
            try {
                limit = Integer.parseInt(params.getFirst("limit"));
            } catch (NumberFormatException e) {
                throw DomainProblem.invalid("limit", "must be a non-negative integer");
            }
            if (limit < 0) {
                throw DomainProblem.invalid("limit", "must be a non-negative integer");
            }
            limit = limit == 0 ? StatementQuery.MAX_LIMIT : Math.min(limit, StatementQuery.MAX_LIMIT);
        }
        return new StatementQuery(agent, blankToNull(verb, "verb"), blankToNull(activity, "activity"), registration,
                since, until, limit, ascending, format(params), null);
    }

    private static String blankToNull(String value, String name) {
        if (value != null && value.isBlank()) {
            throw DomainProblem.invalid(name, "must not be empty");
        }
        return value;
    }

    private static OffsetDateTime time(MultivaluedMap<String, String> params, String name) {
        if (!params.containsKey(name)) {
            return null;
        }
        OffsetDateTime time = XapiStatementService.timestamp(params.getFirst(name));
        if (time == null) {
            throw DomainProblem.invalid(name, "must be an ISO 8601 date-time with a time zone");
        }
        return time;
    }

    private static boolean bool(MultivaluedMap<String, String> params, String name) {
        String value = params.getFirst(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw DomainProblem.invalid(name, "must be true or false");
    }

    private static void attachments(MultivaluedMap<String, String> params) {
        if (bool(params, "attachments")) {
            throw DomainProblem.invalid("attachments", "this LRS does not return attachment data (multipart/mixed);"
                    + " use attachments=false");
        }
    }

    private static StatementFormat format(MultivaluedMap<String, String> params) {
        if (!params.containsKey("format")) {
            return StatementFormat.EXACT;
        }
        StatementFormat format = StatementFormat.parse(params.getFirst("format"));
        if (format == null) {
            throw DomainProblem.invalid("format", "must be exact, ids or canonical");
        }
        return format;
    }

    // ---- shared ------------------------------------------------------------------------------------------------

    /**
     * Who calls: LRS client credentials from an {@code Authorization: Basic base64(key:secret)} header, else the
     * bearer token's caller with one of {@link #ROLES}. Wrong, revoked or missing credentials: 401 with the Basic
     * challenge (an invalid bearer token: the platform's 401 with the Bearer challenge).
     */
    private XapiCaller caller(HttpHeaders headers) {
        List<String> authorization = headers.getRequestHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.size() > 1) {
            throw new DomainProblem(ProblemType.BAD_REQUEST, "send one Authorization header, not " + authorization.size());
        }
        String header = authorization == null || authorization.isEmpty() ? null : authorization.get(0);
        if (header != null && header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return basic(header.substring(BASIC.length()).strip());
        }
        if (identity.isAnonymous()) {
            throw unauthorized("a bearer token or the Basic credentials of an LRS client are required");
        }
        Caller caller = callers.get();
        if (ROLES.stream().noneMatch(caller::hasRole)) {
            throw new ForbiddenException();
        }
        return new XapiCaller.Token(caller, token.getIssuer());
    }

    private XapiCaller basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthorized("the Basic credentials are not base64(key:secret)");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw unauthorized("the Basic credentials are not base64(key:secret)");
        }
        return clients.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1))
                .orElseThrow(() -> unauthorized("the xAPI client credentials are unknown, wrong or revoked"));
    }

    private static NotAuthorizedException unauthorized(String detail) {
        return new NotAuthorizedException(detail, Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build());
    }

    private static void requireJson(HttpHeaders headers) {
        MediaType type = headers.getMediaType();
        if (type != null && type.isCompatible(new MediaType("multipart", "mixed"))) {
            throw new DomainProblem(ProblemType.BAD_REQUEST, "statements with attachment data (multipart/mixed) are not"
                    + " supported; send application/json, with a fileUrl on each attachment");
        }
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw new DomainProblem(ProblemType.BAD_REQUEST, "statements are sent as application/json, not " + type);
        }
    }

    private static UUID uuid(String value, String name) {
        if (value == null || !value.matches(
                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw DomainProblem.invalid(name, "must be a UUID");
        }
        return UUID.fromString(value);
    }

    private static List<Locale.LanguageRange> languages(HttpHeaders headers) {
        String header = headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE);
        if (header == null || header.isBlank()) {
            return List.of();
        }
        try {
            return Locale.LanguageRange.parse(header);
        } catch (IllegalArgumentException e) {
            return new ArrayList<>();
        }
    }

    private static DomainProblem unknownParameters(Set<String> names, String hint) {
        return new DomainProblem(ProblemType.BAD_REQUEST, "unknown parameter(s) " + new java.util.TreeSet<>(names)
                + ": " + hint);
    }
}
