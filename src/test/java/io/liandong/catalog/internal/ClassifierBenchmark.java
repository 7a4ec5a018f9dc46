package io.liandong.catalog.internal;

import io.liandong.catalog.Classification;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Time of one classification over the reference catalog, for the intake hot path (1,000 reports a
 * second). Not a unit test: run {@code main} from the test classpath.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClassifierBenchmark {

    /** A caller's words as a call taker types them: 150 Chinese characters. */
    static final String CHINESE = "昨天晚上八点半左右，我在双塔区新华路12号3单元门口闻到楼道里一股很浓的煤气味，敲门没人应，"
            + "邻居说这家老人最近情绪不好，可能想不开，我们很担心，请赶快派人过来看看，另外楼下的烧烤店每天晚上噪音太大，"
            + "吵得整栋楼的人都睡不着，也请一并处理一下。我的电话是一三八，谢谢你们，麻烦快一点，楼里还有小孩和老人。";

    /** The same in English, about 230 characters. */
    static final String ENGLISH = "Hello, I am calling from the third floor of the apartment building on Xinhua Road. "
            + "There is a strong smell of gas in the stairwell and my neighbour does not open the door; he said he "
            + "wanted to die. Please send someone now.";

    private final Classifier classifier = new Classifier(ReferenceCategories.all());

    @Benchmark
    public Classification chinese() {
        return classifier.classify(CHINESE);
    }

    @Benchmark
    public Classification english() {
        return classifier.classify(ENGLISH);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                        .include(ClassifierBenchmark.class.getSimpleName())
                        .build())
                .run();
    }
}
