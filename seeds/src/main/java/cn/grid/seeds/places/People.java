package cn.grid.seeds.places;

import cn.grid.seeds.dataset.PlaceSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** The synthetic people of the dataset: who holds which role where, and their deterministic names. */
public final class People {

    private static final String[] SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜"
            + "叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
            .split("");
    private static final String[] GIVEN = ("建华秀英桂英秀兰玉兰国强志强海燕丽华红梅永刚文军晓东明辉春梅金凤丽娟俊杰雪梅德胜"
            + "国华玉珍淑芬建国晓燕志明美玲文华红霞小红勇刚宏伟丽萍建军世英家豪子涵雨轩思远浩然欣怡梓萱嘉怡")
            .split("(?<=\\G..)");

    private People() {
    }

    /** A synthetic, deterministic name: the same subject always gets the same name. */
    public static String nameFor(String subject) {
        Random r = new Random(subject.hashCode());
        return SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)];
    }

    /**
     * Which person (by subject) holds which role where: each place's counts per role (roles in name order), dealt
     * round the nodes of the wanted level below it; and per district the two grid heads who accept, dispatch and
     * handle its tickets.
     */
    public static List<Appointment> of(PlaceTree tree) {
        List<Appointment> out = new ArrayList<>();
        for (Place n : tree.all()) {
            for (Map.Entry<String, PlaceSpec.PeopleSpec> e : new TreeMap<>(n.spec().people()).entrySet()) {
                PlaceSpec.PeopleSpec p = e.getValue();
                List<Place> places = n.below(p.at());
                for (int i = 0; i < p.count(); i++) {
                    Place place = places.get(i % places.size());
                    String subject = "seed-" + n.code().toLowerCase() + "-" + abbrev(e.getKey()) + "-" + (i + 1);
                    out.add(new Appointment(subject, place, e.getKey(), p.joinBranch() ? place.grid() : null));
                }
            }
            if (n.level().equals(Place.DISTRICT)) {
                // who accepts, dispatches and handles the seeded tickets: the district's dispatchers, grid heads
                // (网格长) at the district node, so the registry makes them staff over every ticket of the district
                // (a token's roles are not believed). GRID_HEAD, so the documents' grid-worker counts stay exact.
                for (String who : List.of("seed-worker-", "seed-handler-")) {
                    out.add(new Appointment(who + n.code().toLowerCase(), n, "GRID_HEAD", null));
                }
            }
        }
        return out;
    }

    static String abbrev(String role) {
        return switch (role) {
            case "GRID_WORKER" -> "gw";
            case "PARTY_MEMBER" -> "pm";
            case "SERVICE_SPECIALIST" -> "ss";
            default -> role.toLowerCase();
        };
    }
}
