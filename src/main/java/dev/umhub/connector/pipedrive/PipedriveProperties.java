package dev.umhub.connector.pipedrive;

import dev.umhub.connector.DestinationProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code umhub.destinations.pipedrive.*}: Pipedrive persons, found by email and created or updated, and deals opened
 * for them ({@code create_deal}).
 */
@ConfigurationProperties(prefix = "umhub.destinations.pipedrive")
public class PipedriveProperties extends DestinationProperties {

    /** A user's personal API token (Personal preferences > API); without it Pipedrive runs dry. */
    private String apiToken = "";
    /** The key of a person custom field for the plan's name (a 40-character hash, Data fields > Person); empty sends no plan. */
    private String planField = "";
    /** The pipeline new deals go to (its id, in the pipeline's URL); unset, Pipedrive's default pipeline. */
    private Long dealPipelineId;
    /** The stage new deals start in (its id); unset, the first stage of the pipeline. */
    private Long dealStageId;
    /**
     * The key of a deal custom field (text, Data fields > Deal) that gets each delivery's idempotency key, so that a
     * retry finds the deal an earlier attempt made (its answer lost) instead of making a second; empty sends no key
     * and a retry after a lost answer may make the deal twice.
     */
    private String dealKeyField = "";

    public PipedriveProperties() {
        // your company domain works too: https://<company>.pipedrive.com. Search: 10 requests per 2 s per token
        super("https://api.pipedrive.com", 0);
    }

    @Override
    public boolean isConfigured() {
        return present(apiToken);
    }

    public String getApiToken() {
        return apiToken;
    }

    public void setApiToken(String apiToken) {
        this.apiToken = apiToken;
    }

    public String getPlanField() {
        return planField;
    }

    public void setPlanField(String planField) {
        this.planField = planField;
    }

    public Long getDealPipelineId() {
        return dealPipelineId;
    }

    public void setDealPipelineId(Long dealPipelineId) {
        this.dealPipelineId = dealPipelineId;
    }

    public Long getDealStageId() {
        return dealStageId;
    }

    public void setDealStageId(Long dealStageId) {
        this.dealStageId = dealStageId;
    }

    public String getDealKeyField() {
        return dealKeyField;
    }

    public void setDealKeyField(String dealKeyField) {
        this.dealKeyField = dealKeyField == null ? "" : dealKeyField.trim();
    }
}
