package cn.grid.system;

import cn.grid.client.ApiClient;
import cn.grid.client.ApiException;
import cn.grid.client.api.DashboardApi;
import cn.grid.client.api.DevTokensApi;
import cn.grid.client.api.GridHierarchyApi;
import cn.grid.client.api.GridReadModelApi;
import cn.grid.client.api.RequestTicketsApi;
import cn.grid.client.model.CreateGridNode;
import cn.grid.client.model.DevTokenRequest;
import cn.grid.client.model.GridDashboard;
import cn.grid.client.model.GridLevel;
import cn.grid.client.model.GridNode;
import cn.grid.client.model.ServiceRequest;
import cn.grid.client.model.SubmitRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What an integrator does with the suite's one spec: generate a client from docs/openapi/gateway.json
 * (openapi-generator, java/native, at generate-test-sources) and use it, unchanged, against the running suite
 * through the gateway — a dev token, a grid node created and read, a ticket submitted and listed, the dashboard.
 * Any mismatch between the spec and what the suite answers (a path, a field, an enum, a status) fails here.
 */
class GeneratedClientIT extends AgainstTheSuite {

    private static final ZoneId GRID_ZONE = ZoneId.of("Asia/Shanghai");

    /** A client for the gateway that sends {@code token} on every call. */
    private static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(suite.gateway());
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    private static String token(String subject, DevTokenRequest.RolesEnum role) throws ApiException {
        return new DevTokensApi(client(null))
                .issueDevToken(new DevTokenRequest().subject(subject).roles(List.of(role)).gridScope(null))
                .getToken();
    }

    private static GridNode node(GridHierarchyApi grids, String name, GridLevel level, UUID parent)
            throws ApiException {
        return grids.createGridNode(new CreateGridNode().name(name).level(level).parentId(parent)
                .code(level.getValue().charAt(0) + UUID.randomUUID().toString().substring(0, 8)),
                UUID.randomUUID().toString());
    }

    @Test
    void theGeneratedClientTalksToTheSuiteThroughTheGateway() throws Exception {
        String admin = token("gen-district-admin", DevTokenRequest.RolesEnum.DISTRICT_ADMIN);
        ApiClient asAdmin = client(admin);
        GridHierarchyApi grids = new GridHierarchyApi(asAdmin);

        GridNode district = node(grids, "沾益区", GridLevel.DISTRICT, null);
        GridNode street = node(grids, "西平街道", GridLevel.STREET, district.getId());
        GridNode community = node(grids, "西河社区", GridLevel.COMMUNITY, street.getId());
        GridNode grid = node(grids, "西河社区第一网格", GridLevel.GRID, community.getId());
        // the create's Idempotency-Key is a parameter of the generated method: a retry returns the same node
        CreateGridNode area = new CreateGridNode().name("西河社区第一网格第一责任区").level(GridLevel.RESPONSIBILITY_AREA)
                .parentId(grid.getId()).code("A" + UUID.randomUUID().toString().substring(0, 8));
        String key = UUID.randomUUID().toString();
        assertThat(grids.createGridNode(area, key).getId()).isEqualTo(grids.createGridNode(area, key).getId());
        GridNode read = grids.getGridNode(grid.getId());
        assertThat(read.getName()).isEqualTo("西河社区第一网格");
        assertThat(read.getLevel()).isEqualTo(GridLevel.GRID);
        assertThat(read.getParentId()).isEqualTo(community.getId());

        // the spec's problem answers are real answers: no token, 401 from the gateway
        assertThatThrownBy(() -> new GridHierarchyApi(client(null)).getGridNode(grid.getId()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(401));

        // request-service learns the grid from grid.events before it routes tickets to it
        GridReadModelApi readModels = new GridReadModelApi(asAdmin);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> readModels.getRequestsKnownGridNode(grid.getId()) != null);

        String citizen = token("gen-citizen", DevTokenRequest.RolesEnum.CITIZEN);
        ServiceRequest ticket = new RequestTicketsApi(client(citizen)).submitRequest(new SubmitRequest()
                .category("water-pipe").putAttributesItem("water_cut", "yes").title("西河社区 5 栋水管漏水")
                .gridNodeId(grid.getId()),
                UUID.randomUUID().toString());
        assertThat(ticket.getId()).isNotNull();
        assertThat(ticket.getTitle()).isEqualTo("西河社区 5 栋水管漏水");

        // the list's parameters in the generator's (alphabetical) order: assignee, category, cursor, from, gridNodeId,
        // limit, overdue, sort, status, to, type
        List<ServiceRequest> listed = new RequestTicketsApi(asAdmin).listRequests(null, null, null, null, grid.getId(), 20,
                null, "-submittedAt", List.of("SUBMITTED"), null, null).getItems();
        assertThat(listed).extracting(ServiceRequest::getId).contains(ticket.getId());

        String month = YearMonth.now(GRID_ZONE).toString();
        DashboardApi dashboards = new DashboardApi(asAdmin);
        GridDashboard dashboard = dashboards.getGridDashboard(grid.getId(), month);
        assertThat(dashboard.getGridNodeId()).isEqualTo(grid.getId());
        assertThat(dashboard.getMonth()).isEqualTo(month);
        assertThat(dashboard.getNode().getId()).isEqualTo(grid.getId());
        assertThat(dashboard.getRequests().getSubmitted()).isEqualTo(1L);
        // study-service learns the grid from grid.events too; until then its part is missing, and says so
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            GridDashboard whole = dashboards.getGridDashboard(grid.getId(), month);
            assertThat(whole.getMissing()).isEmpty();
            assertThat(whole.getPartial()).isFalse();
            assertThat(whole.getStudy().getGridNodeId()).isEqualTo(grid.getId());
        });
    }
}
