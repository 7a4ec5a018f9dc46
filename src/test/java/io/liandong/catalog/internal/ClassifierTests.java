package io.liandong.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.catalog.Category;
import io.liandong.catalog.Classification;
import io.liandong.catalog.Suggestion;
import io.liandong.shared.Priority;
import io.liandong.shared.Severity;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassifierTests {

    private static final Classifier REFERENCE = new Classifier(ReferenceCategories.all());

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("picks the right category first for what callers say, in Chinese")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            有人在家开煤气自杀                          | SOC-SUICIDE-GAS
            居民在家中打开燃气阀门轻生                  | SOC-SUICIDE-GAS
            楼下烧烤店噪音太大                          | SVC-NOISE
            老板拖欠三个月工资                          | SVC-WAGE
            电梯困人                                    | ACC-ELEVATOR
            我们被困在电梯里了，电梯停在12楼和13楼之间  | ACC-ELEVATOR
            对面居民楼着火了，窗户往外冒黑烟            | ACC-FIRE-BUILDING
            路口两车相撞，有人受伤倒在地上              | ACC-ROAD-CRASH
            化工厂槽罐车泄漏，刺鼻气味很大              | ACC-HAZMAT
            下大雨马路积水太深，车被淹了                | NAT-WATERLOG
            自来水管爆了，马路冒水                      | ACC-WATER-MAIN
            好几个小区都停电了，整片停电                | ACC-POWER-OUTAGE
            老房子塌了，有人被埋在下面                  | ACC-COLLAPSE
            几百人聚集在市政府门口拉横幅堵路            | SOC-CROWD
            我家老人走丢了，有老年痴呆                  | SOC-MISSING
            路面结冰太滑了，好多车打滑                  | NAT-BLIZZARD
            刚才地震了，楼在晃                          | NAT-EARTHQUAKE
            老人晕倒了，没有呼吸了快来救护车            | PHE-MEDICAL
            楼道里一股煤气味                            | ACC-GAS-LEAK
            烟感报警器一直响                            | ACC-ALARM
            小区门口有人摆摊占道经营                    | SVC-VENDING
            买的手机有质量问题商家不给退款              | SVC-CONSUMER
            物业不管楼道里的垃圾，物业费白交了          | SVC-PROPERTY
            小区里有好几只流浪狗追人                    | SVC-STRAY-ANIMAL
            马路上井盖丢了，很危险                      | SVC-ROAD-FACILITY
            钥匙锁屋里了进不了家                        | SVC-LOCKOUT
            请问身份证在哪办理                          | SVC-ENQUIRY
            家里停水了，一滴水都没有                    | SVC-WATER-OUTAGE
            暖气不热，屋里太冷                          | SVC-HEATING
            有辆车堵住我家车库门，找不到车主            | SVC-PARKING
            街口的垃圾好几天没人清                      | SVC-SANITATION
            烧烤店门口两伙人打架                        | SOC-PUBLIC-ORDER
            我的电动车被偷了                            | SOC-THEFT
            """)
    void picksTheRightCategoryForChineseCalls(String text, String expected) {
        assertThat(REFERENCE.classify(text).best()).map(Suggestion::category).contains(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("picks the right category first for what callers say, in English")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            Loud music party next door                                | SVC-NOISE
            structure fire smoke showing                              | ACC-FIRE-BUILDING
            My neighbour turned on the gas to kill himself            | SOC-SUICIDE-GAS
            I am trapped in the elevator between floors               | ACC-ELEVATOR
            Two cars crashed at the junction, a pedestrian was hit by a car | ACC-ROAD-CRASH
            Strong smell of gas in the stairwell                      | ACC-GAS-LEAK
            My boss will not pay my wages for three months            | SVC-WAGE
            The shop refuses to refund a defective product            | SVC-CONSUMER
            Somebody parked in front of my garage, blocked driveway   | SVC-PARKING
            Missing manhole cover on the main road                    | SVC-ROAD-FACILITY
            I am locked out and lost my keys                          | SVC-LOCKOUT
            Water main burst, water gushing from road                 | ACC-WATER-MAIN
            Elderly man fainted and is not breathing                  | PHE-MEDICAL
            Chemical spill from a tanker, toxic gas                   | ACC-HAZMAT
            The street is flooded, cars under water                   | NAT-WATERLOG
            Stray dog bit a child                                     | SVC-STRAY-ANIMAL
            Black ice on the bridge, heavy snow                       | NAT-BLIZZARD
            Fight outside the bar, someone was attacked               | SOC-PUBLIC-ORDER
            My bike was stolen                                        | SOC-THEFT
            Earthquake, the building is shaking                       | NAT-EARTHQUAKE
            """)
    void picksTheRightCategoryForEnglishCalls(String text, String expected) {
        assertThat(REFERENCE.classify(text).best()).map(Suggestion::category).contains(expected);
    }

    @Test
    void isSureOfAnUnmistakableCall() {
        Suggestion best = REFERENCE.classify("有人在家开煤气自杀").best().orElseThrow();

        assertThat(best.confidence()).isGreaterThan(0.7);
    }

    @ParameterizedTest
    @CsvSource({"asdkjh qwpoeiru zxmcnv", "xyzzy plugh", "12345678", "？？？！！！", "'   '"})
    void suggestsNothingForGibberish(String text) {
        assertThat(REFERENCE.classify(text).suggestions()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"今天天气很好我们去公园玩", "The weather is nice today, we went to the park"})
    void isUnsureOfWordsThatPointNowhere(String text) {
        double confidence =
                REFERENCE.classify(text).best().map(Suggestion::confidence).orElse(0.0);

        assertThat(confidence).isLessThan(0.15);
    }

    @Test
    void givesAtMostFiveSuggestionsBestFirstWithConfidenceBetweenZeroAndOne() {
        Classification classification = REFERENCE.classify("着火了有人受伤，煤气泄漏，电梯困人，有人打架，停水停电，噪音扰民，井盖丢了");

        assertThat(classification.suggestions()).hasSizeBetween(2, 5);
        assertThat(classification.suggestions())
                .extracting(Suggestion::confidence)
                .allSatisfy(c -> assertThat(c).isBetween(0.0, 1.0))
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void neverSuggestsATopLevelCategory() {
        assertThat(REFERENCE.classify("自然灾害 事故灾难 社会安全事件 公共卫生事件 非警务求助").suggestions())
                .extracting(Suggestion::category)
                .doesNotContain("NAT", "ACC", "SOC", "PHE", "SVC");
    }

    @Test
    void countsALatinKeywordOnlyAsAWholeWord() {
        Classifier classifier = new Classifier(List.of(root(), category("X-FIRE", "fire")));

        assertThat(classifier.classify("fireworks display tonight").suggestions())
                .isEmpty();
        assertThat(classifier.classify("FIRES on the hill").best())
                .map(Suggestion::category)
                .contains("X-FIRE");
    }

    @Test
    @DisplayName("a keyword inside a longer matched phrase of another category does not count (自杀 in 开煤气自杀)")
    void ignoresAKeywordInsideALongerPhrase() {
        Classifier classifier =
                new Classifier(List.of(root(), category("X-SUICIDE", "自杀"), category("X-GAS-SUICIDE", "开煤气自杀")));

        Classification classification = classifier.classify("开煤气自杀");

        assertThat(classification.best()).map(Suggestion::category).contains("X-GAS-SUICIDE");
        assertThat(classification.suggestions())
                .extracting(Suggestion::category)
                .doesNotContain("X-SUICIDE");
    }

    @Test
    void foldsFullWidthCharactersAndCase() {
        Classifier classifier = new Classifier(List.of(root(), category("X-CALL", "120")));

        assertThat(classifier.classify("打１２０").best()).map(Suggestion::category).contains("X-CALL");
    }

    @Test
    void anEmptyCatalogSuggestsNothing() {
        assertThat(Classifier.EMPTY.classify("电梯困人").suggestions()).isEmpty();
    }

    private static Category root() {
        return new Category("X", null, "根", "Root", false, false, Priority.P4, Severity.IV, "OWNER", List.of(), null);
    }

    private static Category category(String code, String... keywords) {
        return new Category(
                code, "X", code, code, false, false, Priority.P4, Severity.IV, "OWNER", List.of(keywords), null);
    }
}
