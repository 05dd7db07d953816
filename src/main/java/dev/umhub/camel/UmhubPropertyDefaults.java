package dev.umhub.camel;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.spi.PropertiesSource;
import org.apache.camel.util.StringHelper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.context.ApplicationContext;

/**
 * Lets route files use {@code {{umhub....}}} placeholders for options whose defaults are declared only in umhub's
 * properties classes: the values come from the bound properties objects (the configured value, or the declared
 * default). Every default is declared once, and routes load without any umhub {@code application.yml}.
 */
public final class UmhubPropertyDefaults implements PropertiesSource {

    private final Map<String, Object> byPrefix;

    public UmhubPropertyDefaults(ApplicationContext context) {
        this.byPrefix = ConfigurationPropertiesBean.getAll(context).values().stream()
                .filter(b -> b.getAnnotation().prefix().startsWith("umhub"))
                .collect(Collectors.toMap(b -> b.getAnnotation().prefix() + ".", ConfigurationPropertiesBean::getInstance,
                        (a, b) -> a));
    }

    @Override
    public String getName() {
        return "umhub-defaults";
    }

    @Override
    public String getProperty(String name) {
        Optional<String> prefix = byPrefix.keySet().stream().filter(name::startsWith)
                .max(Comparator.comparingInt(String::length));
        if (prefix.isEmpty()) {
            return null;
        }
        String path = beanPath(name.substring(prefix.get().length()));
        BeanWrapperImpl bean = new BeanWrapperImpl(byPrefix.get(prefix.get()));
        if (!bean.isReadableProperty(path)) {
            return null;
        }
        return format(bean.getPropertyValue(path));
    }

    /** Values as Camel options take them: durations in milliseconds, lists comma-separated. */
    private static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Duration d) {
            return String.valueOf(d.toMillis());
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(UmhubPropertyDefaults::format).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }

    /** An option's name below its prefix as a bean property path: {@code rest.poll-interval} is {@code rest.pollInterval}. */
    public static String beanPath(String kebabName) {
        return StringHelper.dashToCamelCase(kebabName);
    }
}
