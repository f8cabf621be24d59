package io.ionflow.simulate.campaign;

/** A user error in a campaign file or run settings; the message names the file, the key and the problem. */
public class CampaignException extends IllegalArgumentException {
    public CampaignException(String message) {
        super(message);
    }
}
