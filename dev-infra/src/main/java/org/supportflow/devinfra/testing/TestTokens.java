package org.supportflow.devinfra.testing;

import io.smallrye.jwt.build.Jwt;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Real signed bearer tokens shaped like Keycloak's access tokens (realm roles under
 * {@code realm_access.roles}, {@code typ} "Bearer", the API in {@code aud}), signed with the test-only key
 * whose public half {@link OidcTestResource} gives the service under test. The other factories each break
 * exactly one thing a service must check.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.test/realms/support";
    /** The audience every SupportFlow API requires ({@code quarkus.oidc.token.audience}). */
    public static final String AUDIENCE = "supportflow-api";
    /** The public client people log in with; Keycloak names it in {@code azp} and in an ID token's {@code aud}. */
    public static final String LOGIN_CLIENT = "support-cli";

    private static final PrivateKey KEY = readKey(OidcTestResource.PRIVATE_KEY);

    private TestTokens() {
    }

    /** An access token that every service accepts, for a user with these realm roles. */
    public static String token(String user, String... realmRoles) {
        return sign(new Claims(user, ISSUER, Set.of(AUDIENCE), "Bearer", Instant.now().plusSeconds(300)), KEY,
                realmRoles);
    }

    public static String expired(String user, String... realmRoles) {
        return sign(new Claims(user, ISSUER, Set.of(AUDIENCE), "Bearer", Instant.now().minusSeconds(600)), KEY,
                realmRoles);
    }

    public static String wrongIssuer(String user, String... realmRoles) {
        return sign(new Claims(user, "https://elsewhere.test/realms/other", Set.of(AUDIENCE), "Bearer",
                Instant.now().plusSeconds(300)), KEY, realmRoles);
    }

    /** Issued by the right realm, but for another API (Keycloak's default {@code account} audience). */
    public static String wrongAudience(String user, String... realmRoles) {
        return sign(new Claims(user, ISSUER, Set.of("account"), "Bearer", Instant.now().plusSeconds(300)), KEY,
                realmRoles);
    }

    /**
     * An ID token ({@code typ} "ID"): proof of a login for the client, not a grant to call an API. Its
     * {@code aud} names the API too, so only the token type can refuse it.
     */
    public static String idToken(String user, String... realmRoles) {
        return sign(new Claims(user, ISSUER, Set.of(LOGIN_CLIENT, AUDIENCE), "ID", Instant.now().plusSeconds(300)),
                KEY, realmRoles);
    }

    /** Well-formed, but signed with a key the service does not trust. */
    public static String foreignKey(String user, String... realmRoles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(new Claims(user, ISSUER, Set.of(AUDIENCE), "Bearer", Instant.now().plusSeconds(300)),
                    generator.generateKeyPair().getPrivate(), realmRoles);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Claims(String user, String issuer, Set<String> audience, String type, Instant expiresAt) {
    }

    private static String sign(Claims claims, PrivateKey key, String... realmRoles) {
        return Jwt.issuer(claims.issuer())
                .subject(UUID.randomUUID().toString())
                .audience(claims.audience())
                .claim("typ", claims.type())
                .claim("azp", LOGIN_CLIENT)
                .claim("preferred_username", claims.user())
                .claim("realm_access", Map.of("roles", List.of(realmRoles)))
                .issuedAt(claims.expiresAt().minusSeconds(900))
                .expiresAt(claims.expiresAt())
                .jws().keyId("test-key")
                .sign(key);
    }

    private static PrivateKey readKey(String resource) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(OidcTestResource.pem(resource)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test signing key", e);
        }
    }
}
