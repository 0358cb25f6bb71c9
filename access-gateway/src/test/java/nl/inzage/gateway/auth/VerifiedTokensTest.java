package nl.inzage.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final SecurityIdentity PEP = QuarkusSecurityIdentity.builder()
            .setPrincipal(() -> "pep").addRole("pep").build();

    @Test
    void aVerifiedTokenIsFoundUntilItExpires() {
        VerifiedTokens tokens = new VerifiedTokens(Duration.ofMinutes(1), 100);
        tokens.remember("token-a", PEP, NOW.plusSeconds(30));

        assertThat(tokens.find("token-a", NOW)).isSameAs(PEP);
        assertThat(tokens.find("token-a", NOW.plusSeconds(29))).isSameAs(PEP);
        assertThat(tokens.find("token-a", NOW.plusSeconds(30))).as("at exp").isNull();
        assertThat(tokens.find("token-a", NOW)).as("once expired it is gone").isNull();
    }

    @Test
    void onlyTheExactTokenStringIsFound() {
        VerifiedTokens tokens = new VerifiedTokens(Duration.ofMinutes(1), 100);
        tokens.remember("header.claims.signature", PEP, NOW.plusSeconds(300));

        assertThat(tokens.find("header.claims.signaturf", NOW)).isNull();
        assertThat(tokens.find("header.claims.signature ", NOW)).isNull();
        assertThat(tokens.find("other", NOW)).isNull();
    }

    @Test
    void aTokenIsNotKeptLongerThanTheTimeToLiveEvenWhileUsed() {
        AtomicLong nanos = new AtomicLong();
        VerifiedTokens tokens = new VerifiedTokens(Duration.ofSeconds(60), 100, nanos::get);
        tokens.remember("token-a", PEP, NOW.plusSeconds(3600));
        for (int second = 0; second < 59; second += 10) {
            nanos.set(Duration.ofSeconds(second).toNanos());
            // Used, and offered again as the recorder does after every request, within the time to live ...
            assertThat(tokens.find("token-a", NOW)).isSameAs(PEP);
            tokens.remember("token-a", PEP, NOW.plusSeconds(3600));
        }
        nanos.set(Duration.ofSeconds(61).toNanos());
        // ... it has to be verified again once the time to live since its verification has passed.
        assertThat(tokens.find("token-a", NOW)).isNull();
    }
}
