package dev.umhub.connector;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.store.Json;

/**
 * What every connector of umhub's own has: its destination name, its {@code umhub.destinations.<name>.*} settings
 * and the JSON mapper its mapping writes with. A connector adds the provider's mapping and the reading of its answers.
 *
 * @param <P> the connector's settings class
 */
public abstract class ProviderConnector<P extends DestinationProperties> implements Connector {

    private final String name;
    protected final P properties;
    protected final ObjectMapper json;

    protected ProviderConnector(String name, P properties, Json json) {
        this.name = name;
        this.properties = properties;
        this.json = json.mapper();
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public P properties() {
        return properties;
    }
}
