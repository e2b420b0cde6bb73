package org.supportflow.analytics.support;

import io.quarkus.test.common.QuarkusTestResource;
import org.supportflow.devinfra.testing.KafkaTestResource;
import org.supportflow.devinfra.testing.PostgresTestResource;

/**
 * The real servers every {@code @QuarkusTest} of the module runs against: a Kafka broker with the
 * platform's topics and PostgreSQL (test resources apply to all tests of the module).
 */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
public final class InfraResources {

    private InfraResources() {
    }
}
