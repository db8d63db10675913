package dev.shortlist.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Replaces double quotes in meter descriptions (the JVM binders' process_cpu_usage says
 * The "recent cpu usage"...): the Prometheus registry writes them escaped as \" in HELP
 * lines, which the classic text format does not allow, so strict parsers such as
 * {@code promtool check metrics} reject the whole scrape.
 */
public class MetricDescriptions {

    @Produces
    @Singleton
    MeterFilter withoutQuotesInHelp() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String description = id.getDescription();
                if (description == null || description.indexOf('"') < 0) {
                    return id;
                }
                return new Meter.Id(id.getName(), io.micrometer.core.instrument.Tags.of(id.getTags()), id.getBaseUnit(),
                        description.replace('"', '\''), id.getType());
            }
        };
    }
}
