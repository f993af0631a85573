package io.nightshift.featurestore;

import io.nightshift.infra.local.servers.LocalRedis;
import io.nightshift.infra.local.servers.LocalRedis.RedisLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store against real {@code redis-server} 7 processes locked like production ones: a password
 * (requirepass), an ACL user, a TLS-only port with a private CA. The right login works; a wrong or
 * missing one is the store's one "unavailable" failure with a message naming the setting, not a hang.
 */
class SecuredRedisTest {

    private static final String PASSWORD = "redis-secret-1";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    static Path certificates;
    private static LocalRedis locked;
    private static LocalRedis tls;

    @BeforeAll
    static void start() {
        locked = LocalRedis.startSecured(RedisLock.password(PASSWORD).withAclUser("online-api", "acl-secret-2"));
        tls = LocalRedis.startSecured(RedisLock.password(PASSWORD).withTls(certificates));
    }

    @AfterAll
    static void stop() {
        if (locked != null) {
            locked.close();
        }
        if (tls != null) {
            tls.close();
        }
    }

    private static FeatureStoreSettings settings(LocalRedis redis, RedisAccess access) {
        return new FeatureStoreSettings(redis.endpoint().host(), redis.endpoint().port(), TIMEOUT, 4, access);
    }

    @Test
    @DisplayName("the right password (requirepass) reads and writes")
    void rightPassword() {
        try (FeatureStore store = FeatureStore.connect(settings(locked, RedisAccess.password(PASSWORD)))) {
            store.freshLists().markPending("p-1");
            assertThat(store.freshLists().markPending("p-1")).isFalse();
        }
    }

    @Test
    @DisplayName("an ACL user with its password reads and writes")
    void aclUser() {
        var access = new RedisAccess("online-api", "acl-secret-2", 0, false, null, null);
        try (FeatureStore store = FeatureStore.connect(settings(locked, access))) {
            assertThat(store.ping()).isPositive();
        }
    }

    @Test
    @DisplayName("a wrong password is refused with a message naming nightshift.redis.password")
    void wrongPassword() {
        try (FeatureStore store = FeatureStore.connect(settings(locked, RedisAccess.password("not-the-password")))) {
            assertThatThrownBy(store::ping)
                    .isInstanceOf(FeatureStoreUnavailableException.class)
                    .hasMessageContaining("refused the login")
                    .hasMessageContaining("WRONGPASS")
                    .hasMessageContaining("nightshift.redis.password");
        }
    }

    @Test
    @DisplayName("no password where one is required is refused the same way")
    void noPassword() {
        try (FeatureStore store = FeatureStore.connect(settings(locked, RedisAccess.NONE))) {
            assertThatThrownBy(() -> store.catalog().product("p-1"))
                    .isInstanceOf(FeatureStoreUnavailableException.class)
                    .hasMessageContaining("NOAUTH")
                    .hasMessageContaining("nightshift.redis.password");
        }
    }

    @Test
    @DisplayName("database 1 keeps the store's keys apart from database 0")
    void database() {
        var access = new RedisAccess(null, PASSWORD, 1, false, null, null);
        try (FeatureStore store = FeatureStore.connect(settings(locked, access));
             Jedis raw = new Jedis(locked.endpoint().host(), locked.endpoint().port())) {
            store.freshLists().markPending("p-db");
            raw.auth(PASSWORD);
            assertThat(raw.keys("*p-db*")).isEmpty();
            raw.select(1);
            assertThat(raw.keys("*p-db*")).hasSize(1);
        }
    }

    @Test
    @DisplayName("over TLS the store connects when it trusts the private CA, checking the host name")
    void tlsWithTrustStore() {
        var access = RedisAccess.password(PASSWORD).withTls(tls.lock().tls().trustStore(), tls.lock().tls().password());
        try (FeatureStore store = FeatureStore.connect(settings(tls, access))) {
            store.freshLists().markPending("p-tls");
            assertThat(store.ping()).isPositive();
        }
    }

    @Test
    @DisplayName("over TLS without the private CA the certificate is refused, and the message points at the TLS settings")
    void tlsWithoutTrustStore() {
        var access = RedisAccess.password(PASSWORD).withTls(null, null);
        try (FeatureStore store = FeatureStore.connect(settings(tls, access))) {
            assertThatThrownBy(store::ping)
                    .isInstanceOf(FeatureStoreUnavailableException.class)
                    .hasMessageContaining("nightshift.redis.trust-store");
        }
    }

    @Test
    @DisplayName("plain TCP to the TLS-only port fails as unavailable instead of hanging")
    void plainToTls() {
        try (FeatureStore store = FeatureStore.connect(settings(tls, RedisAccess.password(PASSWORD)))) {
            assertThatThrownBy(store::ping).isInstanceOf(FeatureStoreUnavailableException.class);
        }
    }

    @Test
    @DisplayName("the settings never show a password")
    void toStringHidesPasswords() {
        var access = new RedisAccess("online-api", "acl-secret-2", 0, true, Path.of("/ca.p12"), "store-secret");
        assertThat(settings(locked, access).toString()).doesNotContain("acl-secret-2", "store-secret").contains("online-api");
    }
}
