package io.liandong.interop.internal;

import io.liandong.shared.web.Problem;
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
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Problem.invalid("limit", "must be between 1 and " + MAX_LIMIT, limit);
        }
        return deadLetters.newest(limit);
    }
}
