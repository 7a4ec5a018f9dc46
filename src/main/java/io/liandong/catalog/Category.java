package io.liandong.catalog;

import io.liandong.shared.Priority;
import io.liandong.shared.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * 事件类别: one kind of incident, a node of the category tree.
 *
 * @param code stable code, for example {@code SOC-SUICIDE-GAS}
 * @param parentCode the parent category, null for a top-level one ({@code NAT}, {@code ACC},
 *     {@code PHE}, {@code SOC}, {@code SVC})
 * @param police whether it is a police matter (警情)
 * @param divert whether a report of it goes straight to {@code ownerAgency} as a task instead of
 *     opening an incident; only ever true for a non-police category
 * @param defaultPriority the priority a report gets unless the call taker says otherwise
 * @param defaultSeverity the severity a report gets unless the call taker says otherwise
 * @param ownerAgency the agency that answers for it by default; every non-police category has one
 * @param keywords Chinese and English words and phrases that point to it, for the classifier
 * @param zoneCode the hall zone (功能分区) that handles its incidents; null to take the parent's (see
 *     {@link CatalogService#zoneOf})
 */
public record Category(
        String code,
        @Nullable String parentCode,
        String nameZh,
        String nameEn,
        boolean police,
        boolean divert,
        Priority defaultPriority,
        Severity defaultSeverity,
        @Nullable String ownerAgency,
        List<String> keywords,
        @Nullable String zoneCode) {

    public Category {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(nameEn, "nameEn");
        Objects.requireNonNull(defaultPriority, "defaultPriority");
        Objects.requireNonNull(defaultSeverity, "defaultSeverity");
        keywords = List.copyOf(keywords);
        if (police && divert) {
            throw new IllegalArgumentException("category " + code + " is a police matter, so it cannot be diverted");
        }
    }

    /** The name in the given language: English for English, Chinese otherwise. */
    public String name(Locale locale) {
        return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
    }
}
