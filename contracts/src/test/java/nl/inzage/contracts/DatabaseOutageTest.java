package nl.inzage.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void aRefusedConnectionAnywhereInTheChainIsAnOutage() {
        assertThat(DatabaseOutage.is(new ConnectException("Connection refused: /127.0.0.1:5432"))).isTrue();
        assertThat(DatabaseOutage.is(new CompletionException(new IllegalStateException(new ConnectException("refused"))))).isTrue();
    }

    @Test
    void postgresConnectionAndOperatorInterventionStatesAreAnOutage() {
        assertThat(DatabaseOutage.is(new RuntimeException("terminating connection due to administrator command (57P01)"))).isTrue();
        assertThat(DatabaseOutage.is(new RuntimeException("the database system is starting up (57P03)"))).isTrue();
        assertThat(DatabaseOutage.is(new RuntimeException(new RuntimeException("connection failure (08006)")))).isTrue();
    }

    @Test
    void aConnectionCutUnderAQueryIsAnOutage() {
        assertThat(DatabaseOutage.is(new RuntimeException(new java.nio.channels.ClosedChannelException()))).isTrue();
        assertThat(DatabaseOutage.is(new java.io.IOException("Connection reset by peer"))).isTrue();
        assertThat(DatabaseOutage.is(new java.io.IOException("No space left on device"))).isFalse();
    }

    @Test
    void aRequestsOwnFaultIsNot() {
        assertThat(DatabaseOutage.is(new RuntimeException("duplicate key value violates unique constraint (23505)"))).isFalse();
        assertThat(DatabaseOutage.is(new IllegalArgumentException("bad"))).isFalse();
        assertThat(DatabaseOutage.is(new RuntimeException((String) null))).isFalse();
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(DatabaseOutage.is(a)).isFalse();
    }
}
