package io.liandong.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.testing.Databases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        properties = {
            "liandong.scheduling.enabled=false",
            "liandong.security.admin-password=admin-Secret-123",
            "liandong.security.demo-accounts=false",
            "liandong.home=target/test-home",
        })
class RecordServiceIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @Autowired
    RecordService record;

    @Test
    void theLastIdOfAnEmptyRecordIsZero() {
        // Regression: MAX(id) over no rows is NULL and lastId() threw instead of answering 0.
        assertThat(record.lastId()).isZero();
        assertThat(record.since(0, 10)).isEmpty();
    }
}
