package com.ticolops.modulesample.orders;

import com.ticolops.modulesample.billing.Invoice;

/** Reaches billing, which its module does not declare: the verification must refuse it. */
public record Order(Invoice invoice) {
}
