package io.nightshift.featurestore;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast parser must agree with {@code Double.parseDouble} bit for bit, and refuse what it refuses. */
class DecimalsTest {

    @Test
    void readsWhatRedisWritesExactlyAsTheJdkDoes() {
        var random = new SplittableRandom(17);
        for (int i = 0; i < 100_000; i++) {
            double value = switch (i % 4) {
                case 0 -> random.nextDouble(-200, 200);
                case 1 -> Double.longBitsToDouble(random.nextLong());
                case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(-30, 30));
                default -> random.nextInt(-1_000_000, 1_000_000);
            };
            // Redis answers sorted-set scores with 17 significant digits ("%.17g"), hashes as they were written.
            for (String text : List.of(Double.toString(value), String.format(java.util.Locale.ROOT, "%.17g", value),
                    Long.toString((long) value))) {
                if (Double.isFinite(value)) {
                    assertThat(Double.doubleToRawLongBits(Decimals.parse(text)))
                            .as(text).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
                }
            }
        }
    }

    @Test
    void givesTheShortestDecimalOfAFloat() {
        var random = new SplittableRandom(5);
        for (int i = 0; i < 100_000; i++) {
            float value = i % 2 == 0 ? random.nextFloat() : Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(value)) {
                assertThat(Decimals.shortest(value)).isEqualTo(Double.parseDouble(Float.toString(value)));
            }
        }
        assertThat(Decimals.shortest(0.1f)).isEqualTo(0.1);
    }

    @Test
    void refusesAndAcceptsTheSameSpellingsAsTheJdk() {
        for (String text : List.of("inf", "-inf", "nan", "", " ", "abc", "1.2.3", "1e", "--1", "0x", "1,5")) {
            assertThatThrownBy(() -> Double.parseDouble(text)).as(text).isInstanceOf(NumberFormatException.class);
            assertThatThrownBy(() -> Decimals.parse(text)).as(text).isInstanceOf(NumberFormatException.class);
        }
        for (String text : List.of("Infinity", "-Infinity", "NaN", " 1.5 ", "1e3", "-0", "1d", "2f", "0x1p3", ".5", "5.")) {
            assertThat(Double.doubleToRawLongBits(Decimals.parse(text))).as(text)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        }
    }
}
