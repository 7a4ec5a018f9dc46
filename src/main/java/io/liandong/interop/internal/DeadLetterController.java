package io.liandong.interop.internal;

import io.liandong.shared.web.PageLimit;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/interop/dead-letters}: what the bridge could not handle, newest first (ADMIN). */
@RestController
@RequestMapping("/api/interop")
class DeadLetterController {

    private static final int MAX_LIMIT = 1000;

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/dead-letters")
    List<DeadLetters.DeadLetter> list(@RequestParam(defaultValue = "100") int limit) {
        return deadLetters.newest(PageLimit.check(limit, MAX_LIMIT));
    }
}
