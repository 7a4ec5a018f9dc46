package io.liandong.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContentSecurityPolicyTests {

    @Test
    void allowsOnlyTheCentersOwnResourcesWithoutATileServer() {
        String policy = ContentSecurityPolicy.withTileOrigin("");

        assertThat(policy)
                .contains("default-src 'self'")
                .contains("script-src 'self';")
                .contains("style-src 'self' 'unsafe-inline'")
                .contains("img-src 'self' data: blob:;")
                .contains("connect-src 'self'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("*");
    }

    @Test
    void addsTheConfiguredTileServerToImagesOnly() {
        String policy = ContentSecurityPolicy.withTileOrigin("https://*.tile.example.org");

        assertThat(policy).contains("img-src 'self' data: blob: https://*.tile.example.org;");
        assertThat(policy.indexOf("tile.example.org")).isEqualTo(policy.lastIndexOf("tile.example.org"));
    }

    @Test
    void refusesATileOriginThatWouldWidenThePolicy() {
        assertThatThrownBy(() -> ContentSecurityPolicy.withTileOrigin("https://tiles.example.org; script-src *"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("liandong.map.tile-origin")
                .hasMessageContaining("script-src *");
        assertThatThrownBy(() -> ContentSecurityPolicy.withTileOrigin("*"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
