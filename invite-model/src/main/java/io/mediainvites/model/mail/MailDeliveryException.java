package io.mediainvites.model.mail;

import io.mediainvites.core.mail.MailFailure;

/** A mail was not sent; {@link #failure()} says why in words safe to store, return and audit. */
public class MailDeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient MailFailure failure;

    public MailDeliveryException(MailFailure failure) {
        // the reason is redacted; the original exception is deliberately not kept as cause
        super(failure.reason());
        this.failure = failure;
    }

    public MailFailure failure() {
        return failure;
    }
}
