package io.liandong.agency.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.agency.Agency;
import io.liandong.agency.AgencyService;
import io.liandong.deployment.ReferenceDataTestApplication;
import io.liandong.testing.Databases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = ReferenceDataTestApplication.class, properties = "liandong.reference.refresh-interval=PT1H")
class AgencyDirectoryIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @Autowired
    AgencyDirectory directory;

    @Autowired
    AgencyService agencies;

    @Autowired
    JdbcClient jdbc;

    @Test
    void picksUpAChangeMadeByAnotherNode() {
        jdbc.sql("UPDATE agency SET name_en = 'Renamed elsewhere', version = version + 1 WHERE code = 'RED-CROSS'")
                .update();
        assertThat(agencies.find("RED-CROSS")).get().extracting(Agency::nameEn).isNotEqualTo("Renamed elsewhere");

        directory.reloadIfChangedElsewhere();

        assertThat(agencies.find("RED-CROSS")).get().extracting(Agency::nameEn).isEqualTo("Renamed elsewhere");
    }
}
