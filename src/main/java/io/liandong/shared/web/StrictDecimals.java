package io.liandong.shared.web;

import java.beans.PropertyEditorSupport;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * A decimal request parameter ({@code lat=41.57}) is written in decimal digits. Java's own reading,
 * which the framework falls back to, also takes {@code 0x1p5} (32), {@code 41.57d}, {@code NaN} and
 * {@code Infinity}, which no client means: those are refused as not a number (400 naming the
 * parameter). An editor is used before any converter, so nothing falls back past it.
 */
@ControllerAdvice
class StrictDecimals {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    @InitBinder
    void decimalsOnly(WebDataBinder binder) {
        binder.registerCustomEditor(double.class, new Editor(false));
        binder.registerCustomEditor(Double.class, new Editor(true));
    }

    static boolean decimal(String text) {
        return DECIMAL.matcher(text).matches();
    }

    private static final class Editor extends PropertyEditorSupport {

        private final boolean nullable;

        Editor(boolean nullable) {
            this.nullable = nullable;
        }

        @Override
        public void setAsText(String text) {
            String value = text == null ? "" : text.strip();
            if (value.isEmpty() && nullable) {
                setValue(null);
                return;
            }
            if (!decimal(value)) {
                throw new IllegalArgumentException("not a decimal number: " + value);
            }
            setValue(Double.valueOf(value));
        }
    }
}
