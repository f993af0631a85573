package io.nightshift.schemas.event;

import java.util.OptionalDouble;

/**
 * How much one interaction weighs: the one definition shared by the streams processor and the
 * laptop. There are two weighings, on purpose, because they answer two different questions:
 *
 * <table>
 *   <caption>The two weighings</caption>
 *   <tr><th></th><th>view</th><th>add to cart</th><th>purchase</th><th>rating</th><th>rating without a value</th></tr>
 *   <tr><td>{@link #POPULARITY}</td><td>1</td><td>3</td><td>5</td>
 *       <td>its stars, at most {@value #MAX_RATING_WEIGHT}; 0 is not counted</td><td>not counted</td></tr>
 *   <tr><td>{@link #AFFINITY}</td><td>1</td><td>2</td><td>3</td>
 *       <td>stars − 2; 1 or 2 stars are not counted</td><td>1</td></tr>
 * </table>
 *
 * <ul>
 *   <li>{@link #POPULARITY} feeds the streams processor's popular and trending lists: how much the
 *       event says about a product's appeal to everyone. Any rating is attention the product got,
 *       so it counts by its stars, a 1-star rating included; a rating without stars says nothing.</li>
 *   <li>{@link #AFFINITY} feeds the laptop's models (the co-occurrence model's shopper vectors, and
 *       which interactions every family is trained and evaluated on): how strongly the shopper ties
 *       themselves to the product, and so two products to each other. A low rating is a negative
 *       signal, not a weak positive one: a rating counts stars − 2, so 1 or 2 stars tie nothing; a
 *       rating without stars still shows the shopper had the product in hand and counts like a view.</li>
 * </ul>
 *
 * <p>Every weight either returns is positive and finite, and {@link #isCountable} says so of a
 * number: popular and trending are sums kept as logarithms (ln 0 is −∞), and the laptop leaves out
 * a signal with no taste in it. A value that is not a finite number is counted by neither (the
 * contract already refuses it: a value lies within 0 and 10⁹). Recommendation events (served,
 * clicked) are not interactions: neither weighing counts them.
 */
public enum InteractionWeight {

    /** How much an event says about a product's appeal to everyone; see the table above. */
    POPULARITY(1, 3, 5, 0, OptionalDouble.empty(), InteractionWeight.MAX_RATING_WEIGHT),

    /**
     * How strongly an event ties the shopper to the product; see the table above. A rating is not
     * capped: the co-occurrence model divides by the products' norms, so its similarities stay
     * within 0 and 1 whatever the stars.
     */
    AFFINITY(1, 2, 3, 2, OptionalDouble.of(1), Double.POSITIVE_INFINITY);

    /**
     * The largest popularity weight one rating can have: ratings in the shop are 1–5 stars, and
     * no single event (the contract lets a value reach 10⁹) may outweigh the whole shop.
     */
    public static final double MAX_RATING_WEIGHT = 10;

    private final double view;
    private final double addToCart;
    private final double purchase;
    private final double starsOffset;
    private final OptionalDouble unrated;
    private final double ratingCap;

    InteractionWeight(double view, double addToCart, double purchase, double starsOffset,
                      OptionalDouble unrated, double ratingCap) {
        this.view = view;
        this.addToCart = addToCart;
        this.purchase = purchase;
        this.starsOffset = starsOffset;
        this.unrated = unrated;
        this.ratingCap = ratingCap;
    }

    /** The event's weight, or empty when the event does not count. */
    public OptionalDouble of(ShopEvent event) {
        return of(event.type(), event.value());
    }

    /**
     * The weight of an event of this type carrying this value (a rating's stars; ignored for the
     * other types), or empty when it does not count.
     */
    public OptionalDouble of(EventType type, Double value) {
        return switch (type) {
            case VIEW -> OptionalDouble.of(view);
            case ADD_TO_CART -> OptionalDouble.of(addToCart);
            case PURCHASE -> OptionalDouble.of(purchase);
            case RATING -> rating(value);
            case RECO_SERVED, RECO_CLICKED -> OptionalDouble.empty();
        };
    }

    /** Whether a number is a weight this class can give: positive and finite. */
    public static boolean isCountable(double weight) {
        return weight > 0 && Double.isFinite(weight);
    }

    /**
     * The rule in one line, as a model's lineage records it, e.g. {@code
     * view=1,add_to_cart=2,purchase=3,rating=stars-2}. The edge cases (a rating without stars, the
     * cap) are left out so the line keeps the form lineage has always recorded.
     */
    public String describe() {
        String rating = starsOffset == 0 ? "stars" : "stars-" + number(starsOffset);
        return EventType.VIEW.wire() + "=" + number(view)
                + "," + EventType.ADD_TO_CART.wire() + "=" + number(addToCart)
                + "," + EventType.PURCHASE.wire() + "=" + number(purchase)
                + "," + EventType.RATING.wire() + "=" + rating;
    }

    private OptionalDouble rating(Double stars) {
        if (stars == null) {
            return unrated;
        }
        double weight = stars - starsOffset;
        if (!isCountable(weight)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.min(weight, ratingCap));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
