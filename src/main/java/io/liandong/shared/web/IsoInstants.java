package io.liandong.shared.web;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * A time sent to the center is an ISO-8601 instant ({@code 2026-12-05T08:00:00Z}, or with an
 * offset: {@code 2026-12-05T16:00:00+08:00}), in a query parameter as in a JSON body. A bare number
 * is refused (400 naming the parameter or field) rather than read as milliseconds or seconds since
 * 1970: {@code from=1483228800} would otherwise ask for a window in January 1970, and nobody would
 * notice. The same for the RFC 1123 form Spring would also read in a query parameter.
 */
@Configuration(proxyBeanMethods = false)
class IsoInstants implements WebMvcConfigurer {

    /** What a number looks like in a string: Jackson reads such a string as a timestamp too. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]+(\\.[0-9]*)?([eE][+-]?[0-9]+)?");

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addFormatterForFieldType(Instant.class, new IsoInstantFormatter());
    }

    @Bean
    @SuppressWarnings("unchecked") // a delegating deserializer is typed Object; it reads Instants only
    JsonMapperBuilderCustomizer isoInstantsOnly() {
        SimpleModule module = new SimpleModule("iso-instants");
        ValueDeserializer<?> refusingNumbers = new RefusingNumbers(InstantDeserializer.INSTANT);
        module.addDeserializer(Instant.class, (ValueDeserializer<Instant>) refusingNumbers);
        return builder -> builder.addModule(module);
    }

    /** Query and path parameters: {@link Instant#parse} only, which takes {@code Z} or an offset. */
    static final class IsoInstantFormatter implements Formatter<Instant> {

        @Override
        public Instant parse(String text, Locale locale) {
            return Instant.parse(text.strip()); // a DateTimeParseException becomes a 400 naming the parameter
        }

        @Override
        public String print(Instant instant, Locale locale) {
            return instant.toString();
        }
    }

    /** Jackson's own reading of an ISO-8601 string, but no number, nor a number in a string. */
    static final class RefusingNumbers extends DelegatingDeserializer {

        RefusingNumbers(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new RefusingNumbers(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                throw ctxt.weirdNumberException(p.getNumberValue(), Instant.class, "a number is not an instant");
            }
            if (p.hasToken(JsonToken.VALUE_STRING)
                    && NUMBER.matcher(p.getString().strip()).matches()) {
                throw ctxt.weirdStringException(p.getString(), Instant.class, "a number is not an instant");
            }
            return super.deserialize(p, ctxt);
        }
    }
}
