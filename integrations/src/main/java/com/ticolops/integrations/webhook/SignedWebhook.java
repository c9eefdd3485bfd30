package com.ticolops.integrations.webhook;

import java.net.InetAddress;
import java.util.List;

/**
 * A person's own endpoint and what it is signed with.
 *
 * @param url       an https URL that passed the SSRF check
 * @param addresses what its host resolved to when it was checked: the request connects there and nowhere else
 * @param secret    {@code whsec_} and the base64 of the key, as the Standard Webhooks specification writes secrets
 */
public record SignedWebhook(String url, List<InetAddress> addresses, String secret) {

    public SignedWebhook {
        addresses = List.copyOf(addresses);
    }

    /** Keeps the secret out of logs and exception messages. */
    @Override
    public String toString() {
        return "SignedWebhook[" + url + "]";
    }
}
