package org.supportflow.nlu.domain;

import org.supportflow.contracts.events.DomainActivatedEvent;

import java.util.Base64;

/** A bundle as the {@code nlu.domain} event that activates it, and back. */
public final class DomainEvents {

    private DomainEvents() {
    }

    /** The largest bundle archive an event carries (base64), below Kafka's default 1 MB record limit. */
    public static final int MAX_ENCODED_BUNDLE = 900 * 1024;

    public static DomainActivatedEvent activation(DomainBundle bundle, String modelVersion) {
        return DomainActivatedEvent.of(bundle.name(), bundle.versionTag(), modelVersion, bundle.policy(),
                bundle.fallbackQuickReplies(), encoded(bundle));
    }

    /** Refuses a bundle whose compressed files do not fit in one {@code nlu.domain} record. */
    public static void checkPublishable(DomainBundle bundle) {
        int size = encoded(bundle).length();
        if (size > MAX_ENCODED_BUNDLE) {
            throw new BundleException("the bundle is too large to publish: " + size / 1024 + " KB compressed and "
                    + "encoded, at most " + MAX_ENCODED_BUNDLE / 1024 + " KB");
        }
    }

    private static String encoded(DomainBundle bundle) {
        return Base64.getEncoder().encodeToString(bundle.files().toZip());
    }

    /** The event's bundle, validated again (a record is never trusted blindly). */
    public static BundleLoader.Result bundleOf(DomainActivatedEvent event) {
        if (event.bundleZip() == null || event.bundleZip().isEmpty()) {
            throw new BundleException("the event carries no bundle");
        }
        byte[] zip;
        try {
            zip = Base64.getDecoder().decode(event.bundleZip());
        } catch (IllegalArgumentException e) {
            throw new BundleException("the event's bundle is not base64");
        }
        return new BundleLoader().load(BundleFiles.fromZip(zip, "nlu.domain " + event.domain() + " "
                + event.domainVersion()));
    }
}
