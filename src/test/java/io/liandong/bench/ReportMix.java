package io.liandong.bench;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The reports the load generator sends: categories of the Chaoyang reference deployment in
 * roughly the proportions a 110 hall sees (most diverted service requests and police matters,
 * fewer accidents, a few plan-activating emergencies), each at a fresh random point inside
 * Chaoyang. A share of reports repeats the category and (within 100 m) the point of a report
 * sent a little earlier, so that those merge into its incident; the rest land far apart and do
 * not. Report {@code i} is a pure function of the seed and {@code i}.
 */
final class ReportMix {

    /** One kind of report: its category, the channel it comes in on, its weight and its words. */
    record Kind(String category, String channel, int weight, List<String> texts) {

        boolean diverted() {
            return category.startsWith("SVC-");
        }
    }

    /** What to send as report {@code index}. */
    record Report(long index, Kind kind, String text, double lat, double lon, String address, String caller) {

        String json(String externalRef) {
            return "{\"channel\":\"" + kind.channel() + "\",\"callerNumber\":\"" + caller + "\",\"address\":\""
                    + address + "\",\"lat\":" + String.format(Locale.ROOT, "%.6f", lat) + ",\"lon\":"
                    + String.format(Locale.ROOT, "%.6f", lon) + ",\"text\":\"" + text + "\",\"category\":\""
                    + kind.category() + "\",\"externalRef\":\"" + externalRef + "\"}";
        }
    }

    static final double SOUTH = 41.3;
    static final double NORTH = 41.8;
    static final double WEST = 119.9;
    static final double EAST = 120.8;

    private static final List<Kind> KINDS = List.of(
            // non-police service requests: diverted straight to the owning agency
            kind("SVC-NOISE", "110", 10, "楼下烧烤店每天夜里噪音太大，吵得睡不着", "小区广场舞音响声音太大，扰民"),
            kind("SVC-VENDING", "12345", 5, "小商贩在路口占道摆摊，堵住了人行道", "早市占道经营，车辆无法通行"),
            kind("SVC-CONSUMER", "12345", 4, "在商场买的电器坏了商家不给退换", "饭店多收费，老板拒绝退款"),
            kind("SVC-WAGE", "12345", 4, "工地拖欠农民工工资三个月了", "公司老板跑了，工资一直不发"),
            kind("SVC-PROPERTY", "12345", 4, "物业不给修漏水的楼顶", "小区物业乱收停车费"),
            kind("SVC-STRAY-ANIMAL", "110", 3, "小区里有流浪狗追咬行人", "路边有一只受伤的流浪猫"),
            kind("SVC-ROAD-FACILITY", "12345", 4, "路上井盖丢了很危险", "路灯坏了一整条街都是黑的"),
            kind("SVC-LOCKOUT", "110", 3, "钥匙锁在屋里了进不去家门", "老人被锁在门外，需要开锁"),
            kind("SVC-WATER-OUTAGE", "12345", 3, "我们小区停水一天了没有通知", "整栋楼没有自来水"),
            kind("SVC-HEATING", "12345", 3, "暖气不热，屋里只有十几度", "供暖公司一直没来修暖气"),
            kind("SVC-PARKING", "110", 3, "有车堵在小区门口，车主联系不上", "车被别的车堵住了开不出去"),
            // police matters: an incident with a task for the police unit
            kind("SOC-THEFT", "110", 7, "电动车在楼下被偷了", "家里被盗，门锁被撬开了"),
            kind("SOC-PUBLIC-ORDER", "110", 5, "饭店里有人喝多了打架", "有人在街上寻衅滋事"),
            kind("SOC-DOMESTIC", "110", 4, "邻居家夫妻吵架动手了，孩子在哭", "丈夫喝醉酒打人"),
            kind("SOC-FRAUD", "110", 4, "接到冒充公安的电话被骗转账五万元", "网上刷单被骗了"),
            kind("SOC-SUSPICIOUS-OBJECT", "110", 2, "公交站有一个无人认领的可疑包裹", "路边放着一个可疑的箱子"),
            kind("SOC-MISSING", "110", 2, "家里八十岁老人走失了，有老年痴呆", "孩子放学一直没回家"),
            kind("SOC-SUICIDE-GAS", "110", 1, "居民在家中打开燃气阀门轻生，楼道里有煤气味", "邻居说楼上有人开煤气要自杀"),
            // accidents: some with a plan that tasks several agencies at once
            kind("ACC-ROAD-MINOR", "110", 6, "两车剐蹭，没人受伤，需要定责", "追尾了没人受伤，堵在路口"),
            kind("ACC-ROAD-CRASH", "110", 4, "车祸，有人受伤倒在路上", "货车侧翻，司机卡在车里"),
            kind("ACC-ALARM", "119", 3, "写字楼烟感报警器一直响", "商场消防主机报警"),
            kind("ACC-FIRE-VEHICLE", "119", 2, "路边一辆电动车起火了", "汽车发动机冒烟起火"),
            kind("ACC-FIRE-BUILDING", "119", 2, "居民楼着火了，楼道里全是烟", "厨房着火，有人被困"),
            kind("ACC-GAS-LEAK", "119", 2, "楼道里一股煤气味，可能燃气泄漏", "施工把燃气管线挖断了"),
            kind("ACC-ELEVATOR", "119", 2, "电梯困人，里面有老人", "电梯突然停在两层中间，有人被困"),
            kind("ACC-WATER-MAIN", "12345", 1, "自来水管爆裂，马路上全是水", "供水主管道破裂，水往外喷"),
            // public health and nature
            kind("PHE-MEDICAL", "120", 4, "老人在家突然晕倒，叫不醒", "路边有人倒地抽搐"),
            kind("NAT-WATERLOG", "110", 1, "暴雨后下穿桥积水很深，有车被困", "小区地下车库进水了"));

    private static final String[] STREETS = {"新华路", "朝阳大街", "中山大街", "黄河路", "珠江路", "龙城大街", "文化路", "友谊大街", "凌河街", "燕都大街"};
    private static final String[] DISTRICTS = {"双塔区", "龙城区", "朝阳县", "北票市", "凌源市", "喀左县", "建平县"};
    private static final double REPEAT_JITTER_DEGREES = 0.0008; // about 90 m north-south, 65 m east-west

    private final long seed;
    private final double repeatShare;
    private final List<Kind> kinds;
    private final int totalWeight;

    ReportMix(long seed, double repeatShare, Set<String> skip) {
        if (repeatShare < 0 || repeatShare > 1) {
            throw new IllegalArgumentException("repeat share must be within 0..1, was " + repeatShare);
        }
        Set<String> known = KINDS.stream().map(Kind::category).collect(Collectors.toSet());
        for (String category : skip) {
            if (!known.contains(category)) {
                throw new IllegalArgumentException("cannot skip " + category + ": it is not in the mix " + known);
            }
        }
        this.seed = seed;
        this.repeatShare = repeatShare;
        this.kinds = KINDS.stream().filter(k -> !skip.contains(k.category())).toList();
        this.totalWeight = kinds.stream().mapToInt(Kind::weight).sum();
        if (totalWeight == 0) {
            throw new IllegalArgumentException("every category of the mix was skipped");
        }
    }

    Report report(long index) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        if (index >= 200 && random.nextDouble() < repeatShare) {
            Report earlier = fresh(index - 20 - random.nextInt(180));
            if (!earlier.kind().diverted()) {
                double lat = earlier.lat() + (random.nextDouble() - 0.5) * REPEAT_JITTER_DEGREES;
                double lon = earlier.lon() + (random.nextDouble() - 0.5) * REPEAT_JITTER_DEGREES;
                return new Report(
                        index,
                        earlier.kind(),
                        text(earlier.kind(), random),
                        lat,
                        lon,
                        earlier.address(),
                        caller(random));
            }
        }
        return fresh(index);
    }

    private Report fresh(long index) {
        SplittableRandom random = new SplittableRandom(seed * 7_919L + index * 31L + 17);
        Kind kind = pick(random);
        double lat = SOUTH + random.nextDouble() * (NORTH - SOUTH);
        double lon = WEST + random.nextDouble() * (EAST - WEST);
        String address = DISTRICTS[random.nextInt(DISTRICTS.length)] + STREETS[random.nextInt(STREETS.length)] + " "
                + (1 + random.nextInt(300)) + " 号";
        return new Report(index, kind, text(kind, random), lat, lon, address, caller(random));
    }

    private Kind pick(SplittableRandom random) {
        int ticket = random.nextInt(totalWeight);
        for (Kind kind : kinds) {
            ticket -= kind.weight();
            if (ticket < 0) {
                return kind;
            }
        }
        throw new IllegalStateException("weights changed while picking, ticket " + ticket);
    }

    private static String text(Kind kind, SplittableRandom random) {
        return kind.texts().get(random.nextInt(kind.texts().size())) + "（" + (1 + random.nextInt(30)) + " 号楼 "
                + (1 + random.nextInt(6)) + " 单元）";
    }

    private static String caller(SplittableRandom random) {
        return "13" + (100_000_000 + random.nextInt(900_000_000));
    }

    private static Kind kind(String category, String channel, int weight, String... texts) {
        return new Kind(category, channel, weight, List.of(texts));
    }
}
