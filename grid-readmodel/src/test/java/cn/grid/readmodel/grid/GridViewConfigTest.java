package cn.grid.readmodel.grid;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code grid.gridview.*} as SmallRye Config builds it in a service: off unless a consumer turns it on, the grid
 * topic by default, and the property names request- and study-service's application.properties and deploy/ set.
 */
class GridViewConfigTest {

    private static GridViewConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withMapping(GridViewConfig.class)
                .build();
        return config.getConfigMapping(GridViewConfig.class);
    }

    @Test
    void theDefaultsAreTheOnesTheServicesRanWith() {
        GridViewConfig gridview = config(Map.of());

        assertThat(gridview.enabled()).isFalse();
        assertThat(gridview.topic()).isEqualTo("grid.events");
        assertThat(gridview.pathColumns()).isEmpty();
    }

    @Test
    void thePropertyNamesAreTheOnesDeployAndTheServicesSet() {
        GridViewConfig gridview = config(Map.of("grid.gridview.enabled", "true",
                "grid.gridview.path-columns", "service_request.grid_path,study_session.grid_path"));

        assertThat(gridview.enabled()).isTrue();
        assertThat(gridview.pathColumns())
                .contains(List.of("service_request.grid_path", "study_session.grid_path"));
    }
}
