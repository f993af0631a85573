package io.nightshift.onlineapi.web;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Whole numbers in paths and query strings are plain decimals: {@code limit=16}, never
 * {@code 0x10}, {@code #10}, {@code +16} or {@code " 16"}. Spring's number parsing decodes hex
 * and octal prefixes, so one number had several spellings that caches, logs and rate limits
 * would see as different values. An editor registered on the binder is asked before the
 * conversion service and its lenient fallback.
 *
 * <p>Registered only on the binders of the whole-number parameters the API has ({@code limit}):
 * an unnamed {@code @InitBinder} runs for every argument of every request (seven on a product
 * page, each registering four editors), a measurable share of a product page's CPU. A new
 * whole-number parameter adds its name to the annotation; {@code ErrorFormatTest} checks
 * the refusals.
 */
@ControllerAdvice
class DecimalParameters {

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,19}");

    @InitBinder({"limit"})
    void decimalOnly(WebDataBinder binder) {
        binder.registerCustomEditor(Integer.class, new Decimal(Integer::valueOf));
        binder.registerCustomEditor(int.class, new Decimal(Integer::valueOf));
        binder.registerCustomEditor(Long.class, new Decimal(Long::valueOf));
        binder.registerCustomEditor(long.class, new Decimal(Long::valueOf));
    }

    private static final class Decimal extends PropertyEditorSupport {

        private final Function<String, Number> parse;

        Decimal(Function<String, Number> parse) {
            this.parse = parse;
        }

        @Override
        public void setAsText(String text) {
            if (text == null || text.isEmpty()) {
                setValue(null);
                return;
            }
            if (!DECIMAL.matcher(text).matches()) {
                throw new IllegalArgumentException("not a plain decimal integer");
            }
            // Out of range still throws NumberFormatException, an IllegalArgumentException: a 400 as well.
            setValue(parse.apply(text));
        }
    }
}
