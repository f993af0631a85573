package io.nightshift.cli.demo;

import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A believable shop for the demo: 2,880 products (12 categories × 12 product types × 20 brands)
 * and shoppers whose sessions browse a <em>bundle</em> of one brand's line (trail shoe, trail
 * socks, gaiters), sometimes comparing the same item across brands. So "related products" has
 * an answer one can check by eye: the Alpine trail shoe's neighbours are Alpine trail socks and
 * gaiters, not a kettle. Popularity is skewed (Zipf) across categories and brands, as in shops.
 *
 * <p>Deterministic for a seed, event ids included, so seeding twice changes nothing.
 *
 * @param products the catalog, a few items sold out
 * @param events   views, carts and purchases in time order
 */
public record DemoShop(List<Product> products, List<ShopEvent> events) {

    /** How long the generated history lasts at most. */
    public static final Duration HISTORY = Duration.ofDays(10);

    private static final String[] BRANDS = {"Alpine", "Boreal", "Cedar", "Drift", "Ember", "Fjord", "Granite", "Harbor",
            "Iris", "Juniper", "Kestrel", "Lumen", "Maple", "Nimbus", "Orchid", "Pine", "Quartz", "Ridge", "Sierra", "Tundra"};

    /** Category, then its product types in bundles of three that shoppers look at together. */
    private static final String[][] CATEGORIES = {
            {"running", "Trail shoe", "Trail socks", "Gaiters", "Road shoe", "Running socks", "Insoles",
                    "Rain jacket", "Running cap", "Running gloves", "Hydration vest", "Soft flask", "Energy gels"},
            {"kitchen", "Chef knife", "Knife sharpener", "Cutting board", "Cast-iron pan", "Pan scraper", "Oven mitts",
                    "Kettle", "Tea infuser", "Loose-leaf tea", "Mixing bowls", "Whisk", "Measuring cups"},
            {"coffee", "Hand grinder", "Pour-over dripper", "Paper filters", "Espresso machine", "Tamper", "Milk jug",
                    "Coffee beans", "Coffee scale", "Gooseneck kettle", "Cold-brew jar", "Travel mug", "Descaler"},
            {"garden", "Pruning shears", "Garden gloves", "Kneeling pad", "Seed tray", "Tomato seeds", "Compost",
                    "Watering can", "Hose nozzle", "Plant labels", "Bird feeder", "Bird seed", "Bird bath"},
            {"books", "Sci-fi novel", "Sci-fi sequel", "Sci-fi box set", "Cookbook", "Baking book", "Bread book",
                    "Travel guide", "Phrasebook", "City map", "Poetry", "Short stories", "Essays"},
            {"camping", "Tent", "Tent footprint", "Tent pegs", "Sleeping bag", "Sleeping mat", "Camp pillow",
                    "Camp stove", "Gas canister", "Pot set", "Water filter", "Lantern", "Dry bag"},
            {"cycling", "Helmet", "Bike lights", "Bell", "Bike lock", "Pannier", "Rack",
                    "Jersey", "Bib shorts", "Cycling gloves", "Pump", "Spare tube", "Tyre levers"},
            {"music", "Acoustic guitar", "Guitar strings", "Capo", "Ukulele", "Ukulele case", "Tuner",
                    "Headphones", "Headphone stand", "DAC", "Keyboard", "Sustain pedal", "Music stand"},
            {"pets", "Dog lead", "Dog collar", "Poop bags", "Dog bed", "Dog bowl", "Chew toy",
                    "Cat tree", "Cat litter", "Litter tray", "Aquarium", "Fish food", "Water conditioner"},
            {"baby", "Pram", "Pram rain cover", "Parasol", "Baby carrier", "Muslin cloths", "Bib",
                    "Cot", "Cot sheet", "Baby monitor", "Bottle set", "Steriliser", "Bottle brush"},
            {"beauty", "Shampoo", "Conditioner", "Hair mask", "Face cleanser", "Toner", "Moisturiser",
                    "Sunscreen", "After-sun", "Lip balm", "Razor", "Shaving foam", "Aftershave"},
            {"office", "Notebook", "Fountain pen", "Ink cartridges", "Desk lamp", "Monitor stand", "Cable tray",
                    "Backpack", "Laptop sleeve", "Charger", "Stapler", "Staples", "Paper clips"},
    };
    private static final int TYPES = 12;
    private static final int BUNDLE = 3;
    private static final int BUNDLES = TYPES / BUNDLE;

    /**
     * @param users how many shoppers (the demo uses 3,000: about 35,000 events)
     * @param start when the shop's history begins; the demo uses ten days ago, so trending
     *              and recent-item features have something recent to show. The history ends
     *              {@link #HISTORY} later at the latest: a shopper's last sessions are moved
     *              back rather than dated in the future, which the API refuses.
     */
    public static DemoShop generate(long seed, int users, Instant start) {
        Random random = new Random(seed);
        List<Product> products = catalog(random);
        Zipf categories = new Zipf(CATEGORIES.length, 0.8);
        Zipf brands = new Zipf(BRANDS.length, 1.0);
        List<ShopEvent> events = new ArrayList<>();
        int counter = 0;
        for (int u = 1; u <= users; u++) {
            String userId = "u-%04d".formatted(u);
            int favouriteCategory = categories.sample(random);
            int favouriteBrand = brands.sample(random);
            Instant at = start.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 9)));
            int sessions = 2 + random.nextInt(4);
            for (int s = 0; s < sessions; s++) {
                int category = random.nextDouble() < 0.75 ? favouriteCategory : categories.sample(random);
                int bundle = random.nextInt(BUNDLES);
                int brand = random.nextDouble() < 0.6 ? favouriteBrand : brands.sample(random);
                int views = 2 + random.nextInt(3);
                for (int v = 0; v < views; v++) {
                    int type = bundle * BUNDLE + random.nextInt(BUNDLE);
                    int shownBrand = random.nextDouble() < 0.2 ? brands.sample(random) : brand; // comparing brands
                    Product product = products.get(index(category, type, shownBrand));
                    EventType kind = random.nextDouble() < 0.15 ? EventType.ADD_TO_CART : EventType.VIEW;
                    events.add(event(seed, counter++, kind, userId, product.productId(), at));
                    if (kind == EventType.ADD_TO_CART && random.nextDouble() < 0.5) {
                        at = at.plusSeconds(40);
                        events.add(event(seed, counter++, EventType.PURCHASE, userId, product.productId(), at));
                    }
                    at = at.plusSeconds(30 + random.nextInt(120));
                }
                at = at.plus(Duration.ofHours(2 + random.nextInt(30)));
            }
        }
        events.sort(Comparator.comparing(ShopEvent::occurredAt));
        return new DemoShop(List.copyOf(products), endingBy(events, start.plus(HISTORY)));
    }

    /** The product whose related list the demo shows first: the Alpine trail shoe. */
    public String showcaseProduct() {
        return products.getFirst().productId();
    }

    private static List<Product> catalog(Random random) {
        List<Product> products = new ArrayList<>(CATEGORIES.length * TYPES * BRANDS.length);
        for (String[] category : CATEGORIES) {
            for (int type = 1; type <= TYPES; type++) {
                for (String brand : BRANDS) {
                    int n = products.size() + 1;
                    double price = Math.round((4 + random.nextDouble() * 150) * 100) / 100.0;
                    boolean available = n % 97 != 0; // a few sold-out items show the availability filter
                    products.add(new Product("p-%04d".formatted(n), brand + " " + category[type].toLowerCase(java.util.Locale.ROOT),
                            category[0], price, available));
                }
            }
        }
        return products;
    }

    /** The whole history shifted back, order kept, so that its last event is at {@code end} or before. */
    private static List<ShopEvent> endingBy(List<ShopEvent> events, Instant end) {
        Duration late = events.isEmpty() ? Duration.ZERO : Duration.between(end, events.getLast().occurredAt());
        if (late.isNegative() || late.isZero()) {
            return List.copyOf(events);
        }
        return events.stream()
                .map(e -> ShopEvent.interaction(e.eventId(), e.type(), e.userId(), e.productId(), e.value(), e.occurredAt().minus(late)))
                .toList();
    }

    private static int index(int category, int type, int brand) {
        return (category * TYPES + type) * BRANDS.length + brand;
    }

    private static ShopEvent event(long seed, int n, EventType type, String userId, String productId, Instant at) {
        UUID id = UUID.nameUUIDFromBytes(("nightshift-demo:" + seed + ":" + n).getBytes(StandardCharsets.UTF_8));
        return ShopEvent.interaction(id, type, userId, productId, null, at);
    }

    /** Rank-frequency skew: rank r is drawn with weight 1/r^s. */
    private record Zipf(double[] cumulative) {

        Zipf(int n, double s) {
            this(cumulativeWeights(n, s));
        }

        int sample(Random random) {
            double x = random.nextDouble() * cumulative[cumulative.length - 1];
            for (int i = 0; i < cumulative.length; i++) {
                if (x < cumulative[i]) {
                    return i;
                }
            }
            return cumulative.length - 1;
        }

        private static double[] cumulativeWeights(int n, double s) {
            double[] cumulative = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1 / Math.pow(i + 1, s);
                cumulative[i] = sum;
            }
            return cumulative;
        }
    }
}
