package org.supportflow.devinfra.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Makes a Quarkus test verify bearer tokens the way production does, without an OIDC server: signed JWTs
 * checked against the test-only public key ({@code oidc-test/}) and {@link TestTokens#ISSUER}. Everything
 * else (audience, token type, role claim) comes from the service's own {@code application.properties}, so
 * the tests exercise the production checks. Tokens come from {@link TestTokens}.
 */
public class OidcTestResource implements QuarkusTestResourceLifecycleManager {

    static final String PUBLIC_KEY = "/oidc-test/public-key.pem";
    static final String PRIVATE_KEY = "/oidc-test/private-key.pem";

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.oidc.public-key", Base64.getEncoder().encodeToString(pem(PUBLIC_KEY)),
                "quarkus.oidc.token.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        // nothing runs
    }

    /** The DER bytes of a PEM resource of this module. */
    static byte[] pem(String resource) {
        try (InputStream in = OidcTestResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            String base64 = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return Base64.getDecoder().decode(base64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
