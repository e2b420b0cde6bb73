package org.supportflow.ticket.support;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Real signed bearer tokens shaped like Keycloak's (realm roles under {@code realm_access.roles}), signed
 * with the test-only key whose public half is {@code %test.quarkus.oidc.public-key}.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.test/realms/support";

    private static final PrivateKey KEY = readKey("/oidc-test/private-key.pem");

    private TestTokens() {
    }

    public static String token(String user, String... realmRoles) {
        return sign(user, ISSUER, Instant.now().plusSeconds(300), KEY, realmRoles);
    }

    public static String expired(String user, String... realmRoles) {
        return sign(user, ISSUER, Instant.now().minusSeconds(600), KEY, realmRoles);
    }

    public static String wrongIssuer(String user, String... realmRoles) {
        return sign(user, "https://elsewhere.test/realms/other", Instant.now().plusSeconds(300), KEY, realmRoles);
    }

    /** Well-formed, but signed with a key the service does not trust. */
    public static String foreignKey(String user, String... realmRoles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(user, ISSUER, Instant.now().plusSeconds(300), generator.generateKeyPair().getPrivate(),
                    realmRoles);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String user, String issuer, Instant expiresAt, PrivateKey key, String... realmRoles) {
        return Jwt.issuer(issuer)
                .subject(UUID.randomUUID().toString())
                .claim("preferred_username", user)
                .claim("realm_access", Map.of("roles", List.of(realmRoles)))
                .issuedAt(expiresAt.minusSeconds(900))
                .expiresAt(expiresAt)
                .jws().keyId("test-key")
                .sign(key);
    }

    private static PrivateKey readKey(String resource) {
        try (InputStream in = TestTokens.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test signing key", e);
        }
    }
}
