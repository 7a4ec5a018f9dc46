package io.liandong.replay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AnswerTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test // the rejects file said "address: an address ... is required; address an address ... is required"
    void saysAValidationProblemsFieldErrorsOnceWithTheirValues() {
        Answer answer = answer(
                400,
                """
                {"type":"urn:liandong:problem:validation","title":"Invalid request","status":400,
                 "detail":"text: must not contain control characters; channel: must be one of 110 119",
                 "errors":[{"field":"text","message":"must not contain control characters",
                            "rejectedValue":"a\\\\u007Fb"},
                           {"field":"channel","message":"must be one of 110 119","rejectedValue":"999"}]}
                """);

        assertThat(answer.reason()).isEqualTo("HTTP 400 validation (channel, text)");
        assertThat(answer.detail())
                .isEqualTo("HTTP 400 validation: text: must not contain control characters (was \"a\\\\u007Fb\");"
                        + " channel: must be one of 110 119 (was \"999\")");
    }

    @Test
    void keepsADetailThatSaysMoreThanTheFieldErrors() {
        Answer answer = answer(
                422,
                """
                {"type":"urn:liandong:problem:merge-refused","status":422,"detail":"incident 9 is CLOSED",
                 "errors":[{"field":"mergeInto","message":"must be an open incident","rejectedValue":9}]}
                """);

        assertThat(answer.detail())
                .isEqualTo("HTTP 422 merge-refused: incident 9 is CLOSED; mergeInto: must be an open incident (was 9)");
    }

    @Test
    void saysAProblemWithoutFieldErrorsByItsDetailAndAnAnswerWithoutBodyByItsText() {
        assertThat(answer(422, "{\"type\":\"urn:liandong:problem:task-step-refused\",\"detail\":\"task 6 is DONE\"}")
                        .detail())
                .isEqualTo("HTTP 422 task-step-refused: task 6 is DONE");
        assertThat(new Answer(502, null, "  Bad Gateway\n", "POST /api/reports").detail())
                .isEqualTo("HTTP 502: Bad Gateway");
    }

    private static Answer answer(int status, String body) {
        return new Answer(status, JSON.readTree(body), body, "POST /api/reports");
    }
}
