package org.supportflow.e2e;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the local platform when the test session ends, while the test JVM still runs: down.sh stops seven
 * services, Keycloak and Kafka, which can take longer than a test runner waits for shutdown hooks.
 */
public final class PlatformSession implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        LocalPlatform.stop();
    }
}
