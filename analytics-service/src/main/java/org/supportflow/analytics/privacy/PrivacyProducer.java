package org.supportflow.analytics.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.supportflow.analytics.common.AnalyticsConfig;

/** The service's one {@link CustomerKeys}, keyed by {@code analytics.privacy.customer-key-secret}. */
@ApplicationScoped
public class PrivacyProducer {

    @Produces
    @Singleton
    CustomerKeys customerKeys(AnalyticsConfig config) {
        return new CustomerKeys(config.privacy().customerKeySecret());
    }
}
