package io.liandong.properties;

import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The incident command properties on one center with an embedded H2 database. */
@PropertyDefaults(tries = 25)
class IncidentCommandPropertiesH2IntegrationTests extends IncidentCommandProperties {

    @BeforeContainer
    static void startOnH2() {
        startCenter(Center.onH2());
    }

    @AfterContainer
    static void stopOnH2() {
        stopCenter();
    }
}
