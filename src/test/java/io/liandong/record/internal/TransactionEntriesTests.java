package io.liandong.record.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liandong.record.RecordCommitted;
import io.liandong.record.RecordEntry;
import io.liandong.shared.NodeIdentity;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** One {@link RecordCommitted} per transaction, published just before it commits, never when it rolls back. */
class TransactionEntriesTests {

    private static final Instant AT = Instant.parse("2026-12-04T12:29:00Z");

    private final List<RecordCommitted> published = new CopyOnWriteArrayList<>();
    private final TransactionEntries entries = new TransactionEntries(
            event -> {
                if (event instanceof RecordCommitted committed) {
                    published.add(committed);
                }
            },
            NodeIdentity.of(new MockEnvironment().withProperty("liandong.node-id", "node-7")));
    private final DataSourceTransactionManager manager = new DataSourceTransactionManager(
            new DriverManagerDataSource("jdbc:h2:mem:transaction-entries;DB_CLOSE_DELAY=-1", "sa", ""));
    private final TransactionTemplate transactions = new TransactionTemplate(manager);

    @Test
    void publishesTheEntriesOfOneTransactionTogetherInOrderJustBeforeItCommits() {
        transactions.executeWithoutResult(tx -> {
            entries.add(entry(1));
            entries.add(entry(2));
            entries.add(entry(3));
            assertThat(published).as("nothing before the commit").isEmpty();
        });

        assertThat(published).singleElement().satisfies(committed -> {
            assertThat(committed.entries()).extracting(RecordEntry::id).containsExactly(1L, 2L, 3L);
            assertThat(committed.writtenBy()).isEqualTo("node-7");
        });
    }

    @Test
    void eachTransactionPublishesOnlyItsOwnEntries() {
        transactions.executeWithoutResult(tx -> entries.add(entry(1)));
        transactions.executeWithoutResult(tx -> entries.add(entry(2)));

        assertThat(published)
                .extracting(committed -> committed.entries().get(0).id())
                .containsExactly(1L, 2L);
        assertThat(published)
                .allSatisfy(committed -> assertThat(committed.entries()).hasSize(1));
    }

    @Test
    void aTransactionThatRollsBackPublishesNothing() {
        transactions.executeWithoutResult(tx -> {
            entries.add(entry(1));
            tx.setRollbackOnly();
        });
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
                    entries.add(entry(2));
                    throw new IllegalStateException("refused");
                }))
                .hasMessage("refused");
        transactions.executeWithoutResult(tx -> entries.add(entry(3)));

        assertThat(published).singleElement().satisfies(committed -> assertThat(committed.entries())
                .extracting(RecordEntry::id)
                .containsExactly(3L));
    }

    @Test
    void aNewTransactionInsideAnotherPublishesItsOwnEntriesWhenItCommits() {
        TransactionTemplate inner = new TransactionTemplate(manager);
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        transactions.executeWithoutResult(tx -> {
            entries.add(entry(1));
            inner.executeWithoutResult(innerTx -> entries.add(entry(2)));
            assertThat(published).hasSize(1);
            entries.add(entry(3));
        });

        assertThat(published)
                .extracting(committed ->
                        committed.entries().stream().map(RecordEntry::id).toList())
                .containsExactly(List.of(2L), List.of(1L, 3L));
    }

    @Test
    void aLargeTransactionPublishesOneEventPerHundredEntries() {
        transactions.executeWithoutResult(tx -> LongStream.rangeClosed(1, 250).forEach(id -> entries.add(entry(id))));

        assertThat(published)
                .extracting(committed -> committed.entries().size())
                .containsExactly(100, 100, 50);
        assertThat(published.get(2).entries().get(49).id()).isEqualTo(250L);
    }

    @Test
    void anEntryAppendedWhileTheTransactionCommitsStillLeaves() {
        // Regression guard: an entry added by a synchronization that runs after ours would be lost.
        transactions.executeWithoutResult(tx -> {
            entries.add(entry(1));
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    entries.add(entry(2));
                }
            });
        });

        assertThat(published)
                .extracting(committed -> committed.entries().get(0).id())
                .containsExactly(1L, 2L);
    }

    @Test
    void withoutTransactionSynchronizationAnEntryIsPublishedAtOnce() {
        entries.add(entry(7));

        assertThat(published).singleElement().satisfies(committed -> assertThat(committed.entries())
                .extracting(RecordEntry::id)
                .containsExactly(7L));
    }

    private static RecordEntry entry(long id) {
        return new RecordEntry(id, 9, AT, AT, "commander", "C-03", "NOTE_ADDED", null, null, null, "note " + id);
    }
}
