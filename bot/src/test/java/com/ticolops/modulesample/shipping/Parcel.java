package com.ticolops.modulesample.shipping;

/** The sample module that orders declares, and does not use. */
public record Parcel(String address) {
}
