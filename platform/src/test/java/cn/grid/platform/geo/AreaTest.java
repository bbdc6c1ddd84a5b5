package cn.grid.platform.geo;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AreaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Area polygon(String rings) {
        try {
            return GeoJson.read(JSON.readTree("{\"type\": \"Polygon\", \"coordinates\": " + rings + "}"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Area square(double x0, double y0, double size) {
        return polygon("[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]".formatted(x0, y0, x0 + size, y0, x0 + size,
                y0 + size, x0, y0 + size, x0, y0));
    }

    @Test
    void containsCountsTheBoundaryAndRespectsHoles() {
        Area withHole = polygon("[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]]");
        assertThat(withHole.contains(1, 1)).isTrue();
        assertThat(withHole.contains(0, 5)).isTrue();
        assertThat(withHole.contains(5, 5)).isFalse();
        assertThat(withHole.contains(4, 5)).isTrue();
        assertThat(withHole.contains(11, 5)).isFalse();
        assertThat(withHole.boundingBox()).isEqualTo(new Area.BoundingBox(0, 0, 10, 10));
    }

    @Test
    void neighboursSharingABorderDoNotOverlap() {
        Area left = square(0, 0, 1);
        Area right = square(1, 0, 1);
        Area shifted = square(0.5, 0.5, 1);
        assertThat(left.overlaps(right)).isFalse();
        assertThat(left.overlaps(shifted)).isTrue();
        assertThat(left.overlaps(square(0, 0, 1))).isTrue();
        assertThat(square(0, 0, 3).overlaps(square(1, 1, 1))).isTrue();
        assertThat(left.overlaps(square(5, 5, 1))).isFalse();
    }

    @Test
    void withinAllowsTouchingTheOuterBoundaryFromInside() {
        Area parent = square(0, 0, 10);
        assertThat(square(0, 0, 5).within(parent)).isTrue();
        assertThat(square(2, 2, 1).within(parent)).isTrue();
        assertThat(square(8, 8, 5).within(parent)).isFalse();
        assertThat(square(20, 20, 1).within(parent)).isFalse();
        // a concave parent: the child's corners are inside but an edge leaves through the notch
        Area notched = polygon("[[[0,0],[10,0],[10,10],[6,10],[5,5],[4,10],[0,10],[0,0]]]");
        assertThat(polygon("[[[3,8],[7,8],[7,9],[3,9],[3,8]]]").within(notched)).isFalse();
    }

    @Test
    void invalidGeometriesAreRefusedWithTheirPosition() {
        assertThatThrownBy(() -> polygon("[[[0,0],[1,0],[1,1],[0,1]]]"))
                .isInstanceOf(InvalidGeometryException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> polygon("[[[0,0],[1,0],[0,0]]]"))
                .isInstanceOf(InvalidGeometryException.class).hasMessageContaining("at least 4");
        assertThatThrownBy(() -> polygon("[[[0,0],[2,2],[2,0],[0,2],[0,0]]]"))
                .isInstanceOf(InvalidGeometryException.class).hasMessageContaining("crosses itself");
        assertThatThrownBy(() -> polygon("[[[0,0],[200,0],[1,1],[0,0]]]"))
                .isInstanceOf(InvalidGeometryException.class).hasMessageContaining("coordinates[0][1]")
                .hasMessageContaining("longitude");
        assertThatThrownBy(() -> polygon("[[[0,0],[1,0],[1,95],[0,0]]]"))
                .isInstanceOf(InvalidGeometryException.class).hasMessageContaining("latitude");
        assertThatThrownBy(() -> polygon("[[[0,0],[1,0],[2,0],[0,0]]]"))
                .isInstanceOf(InvalidGeometryException.class);
        assertThatThrownBy(() -> polygon("[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[20,20],[21,20],[21,21],[20,20]]]"))
                .isInstanceOf(InvalidGeometryException.class).hasMessageContaining("inside its shell");
        assertThatThrownBy(() -> polygon("[[[0,0],[\"x\",0],[1,1],[0,0]]]"))
                .isInstanceOf(InvalidGeometryException.class).hasMessageContaining("[longitude, latitude]");
        assertThatThrownBy(() -> GeoJson.read(JSON.readTree("{\"type\": \"Point\", \"coordinates\": [1, 2]}")))
                .isInstanceOf(InvalidGeometryException.class).hasMessageContaining("Polygon or MultiPolygon");
        assertThatThrownBy(() -> GeoJson.read(JSON.readTree("""
                {"type": "MultiPolygon", "coordinates": [[[[0,0],[2,0],[2,2],[0,2],[0,0]]],
                                                        [[[1,1],[3,1],[3,3],[1,3],[1,1]]]]}""")))
                .isInstanceOf(InvalidGeometryException.class).hasMessageContaining("overlaps polygon 0");
    }

    @Test
    void multiPolygonsContainPointsInAnyPart() throws Exception {
        Area islands = GeoJson.read(JSON.readTree("""
                {"type": "MultiPolygon", "coordinates": [[[[0,0],[1,0],[1,1],[0,1],[0,0]]],
                                                        [[[5,5],[6,5],[6,6],[5,6],[5,5]]]]}"""));
        assertThat(islands.contains(0.5, 0.5)).isTrue();
        assertThat(islands.contains(5.5, 5.5)).isTrue();
        assertThat(islands.contains(3, 3)).isFalse();
    }
}
