package org.supportflow.analytics.support;

import io.quarkus.test.common.QuarkusTestResource;
import org.supportflow.devinfra.testing.KafkaTestResource;
import org.supportflow.devinfra.testing.OidcTestResource;
import org.supportflow.devinfra.testing.PostgresTestResource;

/**
 * The real servers every {@code @QuarkusTest} of the module runs against: a Kafka broker with the
 * platform's topics and PostgreSQL, and bearer tokens verified against the test key (test resources apply
 * to all tests of the module).
 */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
public final class InfraResources {

    private InfraResources() {
    }
}
