package org.supportflow.ticket.support;

import io.quarkus.test.common.QuarkusTestResource;
import org.supportflow.devinfra.testing.KafkaTestResource;
import org.supportflow.devinfra.testing.OidcTestResource;
import org.supportflow.devinfra.testing.PostgresTestResource;

/**
 * The real Kafka broker and PostgreSQL of every {@code @QuarkusTest} in this module, and bearer tokens
 * verified against the test key (Quarkus applies test resources declared on any test class to all of them).
 */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
