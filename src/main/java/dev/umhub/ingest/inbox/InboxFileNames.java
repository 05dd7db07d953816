package dev.umhub.ingest.inbox;

import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** File names of the inbox source: {@code <slug>-anything.json}, the slug being everything before the first '-'. */
@Component("umhubInboxFileNames")
public class InboxFileNames {

    public String slug(@Header("CamelFileNameOnly") String fileName) {
        if (fileName == null) {
            return null;
        }
        String name = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
        int dash = name.indexOf('-');
        return dash < 0 ? name : name.substring(0, dash);
    }
}
