package dev.umhub.connector.kafka;

import dev.umhub.connector.DestinationProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.destinations.kafka.*}: canonical events to a Kafka topic. */
@ConfigurationProperties(prefix = "umhub.destinations.kafka")
public class KafkaDestinationProperties extends DestinationProperties {

    /** Bootstrap servers, host:port, comma-separated; without them the kafka destination runs dry. */
    private String brokers = "";
    /** The topic the events are written to. */
    private String topic = "umhub-events";

    public KafkaDestinationProperties() {
        super(null, 0);
    }

    @Override
    public boolean isConfigured() {
        return present(brokers) && present(topic);
    }

    public String getBrokers() {
        return brokers;
    }

    public void setBrokers(String brokers) {
        this.brokers = brokers;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }
}
