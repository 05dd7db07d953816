package dev.umhub.ingest.inbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.sources.inbox.*}: the file inbox source. */
@ConfigurationProperties(prefix = "umhub.sources.inbox")
public class InboxProperties {

    /** Folder watched for <slug>-anything.json files; ingested files move to .done/, refused ones to .failed/. */
    private String directory = "./data/inbox";
    /** Longest file name taken; a longer one is refused once and moved to .failed/ under a short name. */
    private int maxFileNameLength = 200;

    public String getDirectory() {
        return directory;
    }

    public void setDirectory(String directory) {
        this.directory = directory;
    }

    public int getMaxFileNameLength() {
        return maxFileNameLength;
    }

    public void setMaxFileNameLength(int maxFileNameLength) {
        this.maxFileNameLength = maxFileNameLength;
    }
}
