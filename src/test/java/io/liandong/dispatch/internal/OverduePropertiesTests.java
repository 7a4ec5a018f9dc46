package io.liandong.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OverduePropertiesTests {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @Test
    void theWatchsSettingsAreCheckedAtStartWithTheirNames() {
        assertThat(new DispatchProperties.Overdue(SECOND, 1000, TEN_MINUTES, 1).scanLimit())
                .isEqualTo(1000);
        assertThatThrownBy(() -> new DispatchProperties.Overdue(SECOND, 0, TEN_MINUTES, 2))
                .hasMessage("liandong.dispatch.overdue.scan-limit must be 1 to 1000, was 0");
        assertThatThrownBy(() -> new DispatchProperties.Overdue(SECOND, 1001, TEN_MINUTES, 2))
                .hasMessageContaining("scan-limit");
        assertThatThrownBy(() -> new DispatchProperties.Overdue(Duration.ZERO, 50, TEN_MINUTES, 2))
                .hasMessage("liandong.dispatch.overdue.scan-interval must be positive, was PT0S");
        assertThatThrownBy(() -> new DispatchProperties.Overdue(SECOND, 50, Duration.ofMinutes(-1), 2))
                .hasMessageContaining("remind-every");
        assertThatThrownBy(() -> new DispatchProperties.Overdue(SECOND, 50, TEN_MINUTES, 0))
                .hasMessageContaining("escalate-after-reminders");
    }
}
