/**
 * The conventions every REST endpoint under {@code /api/v1} follows (the console's own excepted): the
 * {@code {data, meta, errors}} envelope, errors with a code and the request's id, {@code page}/{@code per_page}
 * pagination, the scopes a personal token grants, and who the caller is.
 */
@ApplicationModule(displayName = "REST conventions", allowedDependencies = {})
package com.ticolops.bot.rest;

import org.springframework.modulith.ApplicationModule;
