package org.supportflow.ticket.support;

import io.quarkus.test.common.QuarkusTestResource;
import org.supportflow.devinfra.testing.KafkaTestResource;
import org.supportflow.devinfra.testing.PostgresTestResource;

/**
 * The real Kafka broker and PostgreSQL of every {@code @QuarkusTest} in this module (Quarkus applies
 * test resources declared on any test class to all of them).
 */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
