package io.liandong.bench;

import io.liandong.LiandongApplication;
import io.liandong.catalog.CatalogService;
import io.liandong.catalog.Classification;
import io.liandong.plan.Plan;
import io.liandong.plan.PlanService;
import io.liandong.shared.Severity;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What intake decides per report, without the database: classify the caller's words and find the
 * plan for the category. Runs against the real reference deployment loaded into an in-memory H2.
 * Run with {@code bench/jmh.sh IntakeDecisionBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IntakeDecisionBenchmark {

    private static final String CHINESE = "邻居报警：楼上住户在家中打开燃气阀门要轻生，" + "楼道里闻到很浓的煤气味，请赶快派人来";
    private static final String ENGLISH =
            "Caller reports heavy smoke showing from the second floor of a residential building,"
                    + " people may be trapped inside";
    private static final String NOISE = "楼下烧烤店每天夜里噪音太大，吵得睡不着觉，希望有关部门管一管";

    private ConfigurableApplicationContext context;
    private CatalogService catalog;
    private PlanService plans;

    @Setup
    public void start() {
        String db = "bench" + UUID.randomUUID().toString().replace("-", "");
        context = new SpringApplicationBuilder(LiandongApplication.class)
                .properties(
                        "server.port=0",
                        "spring.datasource.url=jdbc:h2:mem:" + db + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                                + ";DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                        "liandong.home=target/bench-home",
                        "liandong.scheduling.enabled=false",
                        "liandong.security.admin-password=bench-Secret-123",
                        "liandong.security.demo-accounts=false",
                        "logging.level.root=WARN")
                .run();
        catalog = context.getBean(CatalogService.class);
        plans = context.getBean(PlanService.class);
    }

    @TearDown
    public void stop() {
        context.close();
    }

    @Benchmark
    public Classification classifyChineseGasCall() {
        return catalog.classify(CHINESE);
    }

    @Benchmark
    public Classification classifyEnglishFireCall() {
        return catalog.classify(ENGLISH);
    }

    @Benchmark
    public Classification classifyNoiseComplaint() {
        return catalog.classify(NOISE);
    }

    @Benchmark
    public Optional<Plan> classifyAndMatchPlan() {
        return catalog.classify(CHINESE).best().flatMap(best -> plans.match(best.category(), Severity.III));
    }
}
