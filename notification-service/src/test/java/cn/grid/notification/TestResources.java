package cn.grid.notification;

import cn.grid.testsupport.JwtTestResource;
import cn.grid.testsupport.KafkaTestResource;
import cn.grid.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL (a fresh database per run), a real Kafka broker and test JWT keys for every @QuarkusTest here. */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "notification_service"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(JwtTestResource.class)
public final class TestResources {

    private TestResources() {
    }
}
