package io.liandong.record.internal;

import io.liandong.testing.Databases;
import io.liandong.testing.RequiresPostgres;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The same rules on PostgreSQL, whose driver hands back the keys of a multi-row insert its own way. */
@RequiresPostgres
class TransactionEntriesPostgresTests extends TransactionEntriesTests {

    @Override
    DriverManagerDataSource database() {
        return new DriverManagerDataSource(
                Databases.PG_URL + "?currentSchema=" + Databases.freshPostgresSchema(), Databases.PG_USER, "");
    }
}
