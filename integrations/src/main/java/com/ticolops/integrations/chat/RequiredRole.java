package com.ticolops.integrations.chat;

/**
 * The role a command needs in the channel's project. The roles themselves are the domain's ({@code bot}); adapters
 * only show the name.
 */
public interface RequiredRole {

    /** "admin", "maintainer": the word users see and type. */
    String id();
}
