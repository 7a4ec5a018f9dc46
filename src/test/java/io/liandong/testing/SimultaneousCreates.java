package io.liandong.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Eight admins create the same entry at the same moment, in a few rounds (one code per round): one
 * request per round creates it, the others are told it already exists, not given a database error.
 */
public final class SimultaneousCreates {

    private static final int ADMINS = 8;

    private SimultaneousCreates() {}

    /**
     * @param bodyOfRound the body of round {@code n}; it names the code {@code codeOfRound} gives
     */
    public static void assertOneCreatedPerCode(
            MockMvcTester mvc, String uri, int rounds, IntFunction<String> codeOfRound, IntFunction<String> bodyOfRound)
            throws Exception {
        ExecutorService admins = Executors.newFixedThreadPool(ADMINS);
        try {
            for (int round = 0; round < rounds; round++) {
                String body = bodyOfRound.apply(round);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<MvcTestResult>> answers = new ArrayList<>();
                for (int i = 0; i < ADMINS; i++) {
                    answers.add(admins.submit(() -> {
                        start.await();
                        return mvc.post()
                                .uri(uri)
                                .with(user("admin-at-once").roles("ADMIN"))
                                .with(csrf())
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body)
                                .exchange();
                    }));
                }
                start.countDown();
                int created = 0;
                for (Future<MvcTestResult> answer : answers) {
                    MvcTestResult result = answer.get(60, TimeUnit.SECONDS);
                    if (result.getResponse().getStatus() == HttpStatus.CREATED.value()) {
                        created++;
                    } else {
                        assertThat(result).hasStatus(HttpStatus.CONFLICT);
                        assertThat(result.getResponse().getContentAsString())
                                .contains(codeOfRound.apply(round) + " already exists");
                    }
                }
                assertThat(created).as(codeOfRound.apply(round)).isEqualTo(1);
            }
        } finally {
            admins.shutdownNow();
        }
    }
}
