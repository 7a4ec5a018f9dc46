package io.liandong.shared.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.support.GeneratedKeyHolder;

class SqlTests {

    @Test
    void rowsOfAMultiRowInsert() {
        assertThat(Sql.rows(1, 3)).isEqualTo("(?, ?, ?)");
        assertThat(Sql.rows(2, 2)).isEqualTo("(?, ?), (?, ?)");
    }

    @Test
    void theIdsOfAMultiRowInsertAreTakenInRowOrderWhateverOrderTheDriverAnswersIn() {
        var keys = new GeneratedKeyHolder(
                new ArrayList<>(List.of(Map.of("id", 41L), Map.of("ID", 17), Map.of("id", 23L))));

        assertThat(Sql.idsInRowOrder(keys, 3)).containsExactly(17L, 23L, 41L);
    }

    @Test
    void anotherNumberOfIdsThanRowsIsAnError() {
        var keys = new GeneratedKeyHolder(new ArrayList<>(List.of(Map.of("id", 41L))));

        assertThatThrownBy(() -> Sql.idsInRowOrder(keys, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the database answered 1 ids for 2 rows");
    }
}
