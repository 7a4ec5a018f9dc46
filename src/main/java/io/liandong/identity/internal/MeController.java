package io.liandong.identity.internal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me}: who is logged in, for any logged-in user. */
@RestController
class MeController {

    @GetMapping("/api/me")
    LoginResponses.Me me(@AuthenticationPrincipal AccountPrincipal principal) {
        return LoginResponses.Me.of(principal);
    }
}
