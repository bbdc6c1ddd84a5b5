package cn.grid.gateway;

import cn.grid.testsupport.JwtTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Test JWT keys and four fake services for every @QuarkusTest here (a profile may bring its own instead). */
@QuarkusTestResource(JwtTestResource.class)
@QuarkusTestResource(FakeUpstreams.class)
public final class TestResources {

    private TestResources() {
    }
}
